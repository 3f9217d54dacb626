package dev.handwritten.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
  @TempDir Path tmp;

  /** Fails the test if anything is downloaded, or even attempted. */
  private static final Downloader NO_DOWNLOADS =
      new Downloader(
          new Downloader.Listener() {
            @Override
            public void progress(String file, long bytes, long totalBytes) {
              throw new AssertionError("unexpected download of " + file);
            }

            @Override
            public void note(String line) {
              throw new AssertionError("unexpected download: " + line);
            }
          });

  @Test
  void cacheRoot_usesAnAbsoluteXdgCacheHome() {
    assertEquals(
        Path.of("/var/cache/me/handwritten"),
        DataLocator.cacheRoot(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "Linux", "/home/me"));
  }

  @Test
  void cacheRoot_ignoresARelativeXdgCacheHome_asTheSpecSays() {
    assertEquals(
        Path.of("/home/me/.cache/handwritten"),
        DataLocator.cacheRoot(Map.of("XDG_CACHE_HOME", "cache"), "Linux", "/home/me"));
  }

  @Test
  void cacheRoot_withoutXdg_isDotCacheInTheHomeFolder() {
    assertEquals(
        Path.of("/Users/me/.cache/handwritten"),
        DataLocator.cacheRoot(Map.of(), "Mac OS X", "/Users/me"));
  }

  @Test
  void cacheRoot_onWindows_isUnderLocalAppData() {
    assertEquals(
        Path.of("C:\\Users\\me\\AppData\\Local").resolve("handwritten"),
        DataLocator.cacheRoot(
            Map.of("LOCALAPPDATA", "C:\\Users\\me\\AppData\\Local"),
            "Windows 11",
            "C:\\Users\\me"));
    assertEquals(
        Path.of("C:\\Users\\me", "AppData", "Local", "handwritten"),
        DataLocator.cacheRoot(Map.of(), "Windows 11", "C:\\Users\\me"));
  }

  @Test
  void defaultCacheDir_keepsEachDataSetInItsOwnFolder() {
    Path mnist = DataLocator.defaultCacheDir();
    assertEquals(
        Path.of("handwritten", "mnist"),
        mnist.subpath(mnist.getNameCount() - 2, mnist.getNameCount()));
    assertEquals(
        mnist.resolveSibling("fashion-mnist"),
        DataLocator.defaultCacheDir(MnistFiles.FASHION_MNIST));
  }

  @Test
  void resolve_withDataDir_returnsItWithoutDownloading() throws IOException {
    Path dir = TestData.mnistDir();
    assertEquals(dir, DataLocator.resolve(Optional.of(dir), MnistFiles.MNIST, NO_DOWNLOADS));
  }

  @Test
  void resolve_withDataDir_acceptsDecompressedFiles() throws IOException {
    for (String name : MnistFiles.NAMES) {
      Files.createFile(tmp.resolve(name.replace(".gz", "")));
    }
    assertEquals(tmp, DataLocator.resolve(Optional.of(tmp), MnistFiles.MNIST, NO_DOWNLOADS));
  }

  @Test
  void resolve_withDataDir_namesEveryMissingFile() throws IOException {
    Files.createFile(tmp.resolve(MnistFiles.TRAIN_IMAGES));
    Files.createFile(tmp.resolve("t10k-labels-idx1-ubyte"));
    Path cache = tmp.resolve("cache");
    var e =
        assertThrows(
            IOException.class,
            () -> DataLocator.resolve(Optional.of(tmp), MnistFiles.MNIST, NO_DOWNLOADS, cache));
    assertEquals(
        "DataLocator: expected the MNIST files in "
            + tmp.toAbsolutePath()
            + ", missing t10k-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz;"
            + " put them there (gzipped or not), or leave out --data to download them into "
            + cache,
        e.getMessage());
  }

  @Test
  void resolve_withDataDirThatDoesNotExist_saysSo() {
    Path dir = tmp.resolve("typo");
    var e =
        assertThrows(
            IOException.class,
            () -> DataLocator.resolve(Optional.of(dir), MnistFiles.MNIST, NO_DOWNLOADS));
    assertEquals(
        "DataLocator: expected --data to name a folder with the MNIST files, got "
            + dir.toAbsolutePath()
            + ", which does not exist",
        e.getMessage());
    assertTrue(Files.notExists(dir), "nothing is created for a wrong --data");
  }

  @Test
  void resolve_withoutDataDir_usesTheFilledCacheAsIs() throws IOException {
    for (String name : MnistFiles.NAMES) {
      Files.createFile(tmp.resolve(name));
    }
    assertEquals(tmp, DataLocator.resolve(Optional.empty(), MnistFiles.MNIST, NO_DOWNLOADS, tmp));
  }

  @Test
  void resolve_withoutDataDir_downloadsMissingFilesIntoTheCache_notElsewhere() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    DataSource unreachable =
        new DataSource(
            "Fake",
            List.of(URI.create("http://127.0.0.1:" + port + "/")),
            Map.of("f", "a".repeat(64)));
    Path cache = tmp.resolve("cache");
    var e =
        assertThrows(
            IOException.class,
            () ->
                DataLocator.resolve(
                    Optional.empty(),
                    unreachable,
                    new Downloader(Downloader.Listener.silent()),
                    cache));
    assertTrue(
        e.getMessage().startsWith("Downloader: every mirror failed for f of Fake (1 tried"),
        e.getMessage());
    assertFalse(Files.exists(cache), "an empty cache folder was left behind");
  }
}
