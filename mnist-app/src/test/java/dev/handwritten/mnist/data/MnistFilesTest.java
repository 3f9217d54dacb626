package dev.handwritten.mnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistFilesTest {
  @TempDir Path tmp;

  @Test
  void mnistChecksums_matchTheShippedSha256Sums() throws IOException {
    assertEquals(
        sha256Sums(TestData.mnistDir().resolve("SHA256SUMS")), MnistFiles.MNIST.sha256ByFile());
  }

  @Test
  void fashionChecksums_matchTheShippedSha256Sums() throws IOException {
    assertEquals(
        sha256Sums(TestData.fashionDir().resolve("SHA256SUMS")),
        MnistFiles.FASHION_MNIST.sha256ByFile());
  }

  @Test
  void bothSources_haveTheFourStandardNames_butDifferentContents() {
    for (DataSource source : List.of(MnistFiles.MNIST, MnistFiles.FASHION_MNIST)) {
      assertEquals(Set.copyOf(MnistFiles.NAMES), source.sha256ByFile().keySet());
    }
    for (String name : MnistFiles.NAMES) {
      assertNotEquals(
          MnistFiles.MNIST.sha256ByFile().get(name),
          MnistFiles.FASHION_MNIST.sha256ByFile().get(name));
    }
  }

  @Test
  void folderName_isTheNameInLowercaseWithDashes() {
    assertEquals("mnist", MnistFiles.MNIST.folderName());
    assertEquals("fashion-mnist", MnistFiles.FASHION_MNIST.folderName());
  }

  @Test
  void dataSource_addsTheMissingSlashToAMirror_andLowercasesChecksums() {
    DataSource source =
        new DataSource(
            "t", List.of(URI.create("https://example.org/data")), Map.of("f", "AB".repeat(32)));
    assertEquals(List.of(URI.create("https://example.org/data/")), source.mirrors());
    assertEquals(Map.of("f", "ab".repeat(32)), source.sha256ByFile());
    // Without the slash, resolve would replace "data" instead of appending to it.
    assertEquals(URI.create("https://example.org/data/f"), source.mirrors().get(0).resolve("f"));
  }

  @Test
  void dataSource_rejectsAFileNameThatLeavesTheFolder() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DataSource(
                    "t",
                    List.of(URI.create("https://example.org/")),
                    Map.of("../x", "a".repeat(64))));
    assertEquals(
        "DataSource t: expected a plain file name of letters, digits, '.', '_' and '-', got \"../x\"",
        e.getMessage());
  }

  @Test
  void dataSource_rejectsAShortChecksum() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DataSource(
                    "t", List.of(URI.create("https://example.org/")), Map.of("f", "abc")));
    assertEquals(
        "DataSource t: expected 64 hex digits as the SHA-256 of f, got \"abc\"", e.getMessage());
  }

  @Test
  void dataSource_rejectsANonHttpMirror() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DataSource(
                    "t", List.of(URI.create("file:///tmp/")), Map.of("f", "a".repeat(64))));
    assertEquals(
        "DataSource t: expected an http or https mirror, got file:///tmp/", e.getMessage());
  }

  @Test
  void locate_prefersTheGzipFile_andFallsBackToTheDecompressedName() throws IOException {
    assertEquals(Optional.empty(), MnistFiles.locate(tmp, MnistFiles.TEST_LABELS));
    Path raw = Files.createFile(tmp.resolve("t10k-labels-idx1-ubyte"));
    assertEquals(Optional.of(raw), MnistFiles.locate(tmp, MnistFiles.TEST_LABELS));
    Path gz = Files.createFile(tmp.resolve(MnistFiles.TEST_LABELS));
    assertEquals(Optional.of(gz), MnistFiles.locate(tmp, MnistFiles.TEST_LABELS));
  }

  @Test
  void find_namesBothNamesAndTheFolder() {
    var e = assertThrows(IOException.class, () -> MnistFiles.find(tmp, MnistFiles.TRAIN_IMAGES));
    assertEquals(
        "MnistFiles: expected train-images-idx3-ubyte.gz or train-images-idx3-ubyte in "
            + tmp.toAbsolutePath()
            + ", got neither; pass --data with the folder that holds the four files",
        e.getMessage());
  }

  /** Parses {@code sha256sum} output: "HASH NAME" per line. */
  private static Map<String, String> sha256Sums(Path file) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        String[] parts = line.trim().split("\\s+\\*?", 2);
        sums.put(parts[1], parts[0]);
      }
    }
    return sums;
  }
}
