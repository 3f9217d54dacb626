package dev.handwritten.mnist.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four standard MNIST file names, shared by Fashion-MNIST, and the two {@link DataSource}s with
 * their mirrors and SHA-256 checksums.
 *
 * <p>The checksums are of the original gzip files as distributed (the MNIST ones match the widely
 * published MD5s); a test checks them against the {@code SHA256SUMS} shipped with the data.
 */
public final class MnistFiles {
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

  /** The four names, training files first. */
  public static final List<String> NAMES =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  /** Handwritten digits, LeCun, Cortes and Burges. */
  public static final DataSource MNIST =
      new DataSource(
          "MNIST",
          List.of(
              URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
              URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
              URI.create("https://yann.lecun.com/exdb/mnist/")),
          Map.of(
              TRAIN_IMAGES, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
              TRAIN_LABELS, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
              TEST_IMAGES, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
              TEST_LABELS, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

  /** Zalando's clothing pictures: the same names, sizes and format as MNIST, other contents. */
  public static final DataSource FASHION_MNIST =
      new DataSource(
          "Fashion-MNIST",
          List.of(
              URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
              URI.create(
                  "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/")),
          Map.of(
              TRAIN_IMAGES, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
              TRAIN_LABELS, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
              TEST_IMAGES, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
              TEST_LABELS, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

  private MnistFiles() {}

  /**
   * The file {@code name} in {@code dir}, or else its decompressed twin ({@code name} without
   * {@code .gz}), for people who unpacked the files themselves. The gzip file wins when both exist:
   * it is the one a checksum can vouch for. A folder under either name is returned when there is no
   * file, so that reading it says it is a folder.
   */
  static Optional<Path> locate(Path dir, String name) {
    Path gz = dir.resolve(name);
    Path raw = name.endsWith(".gz") ? dir.resolve(name.substring(0, name.length() - 3)) : gz;
    for (Path file : List.of(gz, raw)) {
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    // Something else under the name, a folder say: the reader says what is wrong with it, rather
    // than this calling the file missing.
    for (Path other : List.of(gz, raw)) {
      if (Files.exists(other)) {
        return Optional.of(other);
      }
    }
    return Optional.empty();
  }

  /**
   * As {@link #locate}, but a missing file is an error.
   *
   * @throws IOException naming both names looked for and the folder
   */
  static Path find(Path dir, String name) throws IOException {
    Optional<Path> file = locate(dir, name);
    if (file.isEmpty()) {
      throw new IOException(
          "MnistFiles: expected "
              + name
              + " or "
              + name.replaceFirst("\\.gz$", "")
              + " in "
              + dir.toAbsolutePath()
              + ", got neither; pass --data with the folder that holds the four files");
    }
    return file.get();
  }
}
