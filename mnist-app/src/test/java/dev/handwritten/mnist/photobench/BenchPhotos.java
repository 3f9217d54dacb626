package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.data.DataSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The benchmark of the published table (MNIST test set, seed 1), shared by the tests. */
final class BenchPhotos {
  static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));
  private static final int SMALL = 1200 * 900;
  private static DataSet test;

  private BenchPhotos() {}

  static synchronized DataSet testSet() {
    if (test == null) {
      try {
        test = DataSet.loadTest(MNIST);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return test;
  }

  static PhotoBench bench() {
    return new PhotoBench(testSet(), 1);
  }

  /**
   * The first photo of {@code condition}, from {@code from} on, of at most 1200 x 900 pixels (or
   * 900 x 1200): tests draw many photos, and a 12-megapixel one takes seconds.
   */
  static int smallIndex(PhotoBench bench, Condition condition, int from) {
    for (int i = from; ; i++) {
      Style style = bench.scene(condition, i).style();
      if (style.width() * style.height() <= SMALL) {
        return i;
      }
    }
  }
}
