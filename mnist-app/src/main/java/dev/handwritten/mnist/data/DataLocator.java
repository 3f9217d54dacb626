package dev.handwritten.mnist.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which folder the data comes from: the one the user named with {@code --data}, which must
 * already hold the files, or else a per-user cache that is filled by downloading.
 *
 * <pre>{@code
 * Path dir = DataLocator.resolve(dataOption, MnistFiles.MNIST, new Downloader(listener));
 * DataSet train = DataSet.loadTrain(dir);
 * }</pre>
 *
 * <p>A folder named by the user is never downloaded into: a typo in {@code --data} should be an
 * error that says so, not a silent download into a new folder.
 */
public final class DataLocator {
  private DataLocator() {}

  /**
   * The cache folder for MNIST: {@code $XDG_CACHE_HOME/handwritten/mnist}, else {@code
   * ~/.cache/handwritten/mnist}, and on Windows {@code %LOCALAPPDATA%\handwritten\mnist}.
   */
  public static Path defaultCacheDir() {
    return defaultCacheDir(MnistFiles.MNIST);
  }

  /**
   * The cache folder for {@code source}: as {@link #defaultCacheDir()}, with the source's {@link
   * DataSource#folderName()} as the last part, so data sets whose files share names never mix.
   */
  public static Path defaultCacheDir(DataSource source) {
    return cacheRoot(
            System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"))
        .resolve(source.folderName());
  }

  /** The per-user {@code handwritten} cache folder, from the environment given. */
  static Path cacheRoot(Map<String, String> env, String osName, String userHome) {
    if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
      String local = env.get("LOCALAPPDATA");
      Path base =
          local != null && !local.isBlank()
              ? Path.of(local)
              : Path.of(userHome, "AppData", "Local");
      return base.resolve("handwritten");
    }
    // The XDG spec says to ignore a relative XDG_CACHE_HOME.
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "handwritten");
    }
    return Path.of(userHome, ".cache", "handwritten");
  }

  /**
   * The folder to read {@code source} from.
   *
   * @param dataDir the folder given with {@code --data}, if any: it must hold every file (each
   *     gzipped or decompressed), and nothing is downloaded into it
   * @param downloader used only without {@code dataDir}, to fill the cache
   * @return {@code dataDir}, or the filled {@link #defaultCacheDir(DataSource)}
   * @throws IOException if {@code dataDir} is not a folder or lacks files (all of them named), or
   *     the download fails
   */
  public static Path resolve(Optional<Path> dataDir, DataSource source, Downloader downloader)
      throws IOException {
    return resolve(dataDir, source, downloader, defaultCacheDir(source));
  }

  /** As {@link #resolve(Optional, DataSource, Downloader)}, with the cache folder given. */
  static Path resolve(
      Optional<Path> dataDir, DataSource source, Downloader downloader, Path cacheDir)
      throws IOException {
    if (dataDir.isEmpty()) {
      return downloader.ensure(cacheDir, source);
    }
    Path dir = dataDir.get();
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "DataLocator: expected --data to name a folder with the "
              + source.name()
              + " files, got "
              + dir.toAbsolutePath()
              + (Files.exists(dir) ? ", which is a file" : ", which does not exist"));
    }
    List<String> missing =
        source.sha256ByFile().keySet().stream()
            .filter(file -> MnistFiles.locate(dir, file).isEmpty())
            .toList();
    if (!missing.isEmpty()) {
      throw new IOException(
          "DataLocator: expected the "
              + source.name()
              + " files in "
              + dir.toAbsolutePath()
              + ", missing "
              + String.join(", ", missing)
              + "; put them there (gzipped or not), or leave out --data to download them into "
              + cacheDir);
    }
    return dir;
  }
}
