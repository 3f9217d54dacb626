package dev.handwritten.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetTest {
  @TempDir Path tmp;

  @Test
  void loadTrain_realMnist_has60000ScaledImagesWithTheKnownLabelCounts() throws IOException {
    DataSet train = DataSet.loadTrain(TestData.mnistDir());
    assertEquals(60_000, train.size());
    assertEquals(Shape.of(60_000, 1, 28, 28), train.images().shape());
    assertEquals(5, train.labels()[0]);
    // Per-digit counts published with the data (README.md in mnist.dir).
    assertArrayEquals(
        new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
        histogram(train.labels()));
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : train.images().data()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
  }

  @Test
  void loadTest_realMnist_has10000ImagesStartingWithA7() throws IOException {
    DataSet test = DataSet.loadTest(TestData.mnistDir());
    assertEquals(Shape.of(10_000, 1, 28, 28), test.images().shape());
    assertEquals(7, test.labels()[0]);
    assertArrayEquals(
        new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
        histogram(test.labels()));
    // Pixel (7, 7) of the first test image is 185: 185 / 255 = 0.72549.
    assertEquals(185 / 255f, test.images().get(0, 0, 7, 7));
  }

  @Test
  void loadTest_fashionMnist_isBalanced() throws IOException {
    DataSet test = DataSet.loadTest(TestData.fashionDir());
    assertEquals(Shape.of(10_000, 1, 28, 28), test.images().shape());
    int[] thousandEach = new int[DataSet.CLASSES];
    Arrays.fill(thousandEach, 1000);
    assertArrayEquals(thousandEach, histogram(test.labels()));
  }

  @Test
  void load_scalesPixelsToZeroOne_byDividingBy255() throws IOException {
    byte[] pixels = {0, 51, (byte) 128, (byte) 255};
    Path images = TestData.write(tmp, "i", TestData.idx(0x803, new int[] {1, 2, 2}, pixels));
    Path labels = TestData.write(tmp, "l", TestData.labels(3));
    DataSet data = DataSet.load(images, labels);
    assertEquals(Shape.of(1, 1, 2, 2), data.images().shape());
    // 51 / 255 = 0.2, 128 / 255 = 0.50196
    assertArrayEquals(new float[] {0f, 0.2f, 128 / 255f, 1f}, data.images().data());
    assertArrayEquals(new int[] {3}, data.labels());
  }

  @Test
  void load_rejectsDifferentImageAndLabelCounts() throws IOException {
    Path images = TestData.write(tmp, "train-images-idx3-ubyte", TestData.images(3, 2, 2));
    Path labels = TestData.write(tmp, "t10k-labels-idx1-ubyte", TestData.labels(1, 2));
    var e = assertThrows(IOException.class, () -> DataSet.load(images, labels));
    assertEquals(
        "IdxReader: 3 images in train-images-idx3-ubyte but 2 labels in t10k-labels-idx1-ubyte;"
            + " expected one label per image, are both files from the same split?",
        e.getMessage());
  }

  @Test
  void load_rejectsALabelOutsideTheTenClasses() throws IOException {
    Path images = TestData.write(tmp, "i", TestData.images(3, 2, 2));
    Path labels = TestData.write(tmp, "l", TestData.labels(1, 10, 2));
    var e = assertThrows(IOException.class, () -> DataSet.load(images, labels));
    assertEquals(
        "IdxReader: l: expected labels in [0, 10), got 10 at index 1;"
            + " is this a label file of a data set with more classes?",
        e.getMessage());
  }

  @Test
  void loadTest_acceptsDecompressedFilesUnderTheirStandardNames() throws IOException {
    TestData.write(tmp, "t10k-images-idx3-ubyte", TestData.images(2, 3, 3));
    TestData.write(tmp, "t10k-labels-idx1-ubyte", TestData.labels(4, 2));
    DataSet test = DataSet.loadTest(tmp);
    assertEquals(Shape.of(2, 1, 3, 3), test.images().shape());
    assertArrayEquals(new int[] {4, 2}, test.labels());
  }

  @Test
  void constructor_rejectsALabelCountThatDiffersFromTheImageCount() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DataSet(Tensor.zeros(3, 1, 2, 2), new int[] {1, 2}));
    assertEquals("DataSet: expected 3 labels, one per image, got 2", e.getMessage());
  }

  @Test
  void constructor_rejectsImagesThatAreNotNchw() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new DataSet(Tensor.zeros(2, 4), new int[2]));
    assertEquals("DataSet: expected images [N, C, H, W], got [2, 4]", e.getMessage());
  }

  @Test
  void constructor_rejectsANegativeLabel() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DataSet(Tensor.zeros(2, 1, 1, 1), new int[] {0, -1}));
    assertEquals("DataSet: expected labels in [0, 10), got -1 at index 1", e.getMessage());
  }

  @Test
  void subset_copiesTheRange() {
    DataSet data = numbered(5);
    DataSet sub = data.subset(1, 4);
    assertEquals(Shape.of(3, 1, 1, 2), sub.images().shape());
    // Image i holds the values i and i + 0.5, its label is i % 10.
    assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f, 3, 3.5f}, sub.images().data());
    assertArrayEquals(new int[] {1, 2, 3}, sub.labels());
    sub.images().data()[0] = 99;
    assertEquals(1f, data.images().get(1, 0, 0, 0));
  }

  @Test
  void subset_rejectsAnEmptyOrOutOfRangeRange() {
    var e = assertThrows(IllegalArgumentException.class, () -> numbered(5).subset(2, 2));
    assertEquals("DataSet.subset: expected 0 <= from < to <= 5, got from=2, to=2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> numbered(5).subset(0, 6));
  }

  @Test
  void select_copiesInTheGivenOrder_repeatsAllowed() {
    DataSet picked = numbered(5).select(new int[] {4, 0, 4});
    assertArrayEquals(new float[] {4, 4.5f, 0, 0.5f, 4, 4.5f}, picked.images().data());
    assertArrayEquals(new int[] {4, 0, 4}, picked.labels());
  }

  @Test
  void select_rejectsAnIndexOutOfRange() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> numbered(5).select(new int[] {0, 5}));
    assertEquals("DataSet.select: expected indices in [0, 5), got 5 at position 1", e.getMessage());
  }

  @Test
  void split_isDisjointAndCoversEveryImageOnce_inTheOriginalOrder() {
    DataSet.Split split = numbered(100).split(20, 7);
    assertEquals(80, split.train().size());
    assertEquals(20, split.validation().size());
    int[] train = ids(split.train());
    int[] validation = ids(split.validation());
    Set<Integer> all = new HashSet<>();
    for (int id : train) {
      all.add(id);
    }
    for (int id : validation) {
      assertTrue(all.add(id), "image " + id + " is in both parts");
    }
    assertEquals(100, all.size());
    assertArrayEquals(Arrays.stream(train).sorted().toArray(), train);
    assertArrayEquals(Arrays.stream(validation).sorted().toArray(), validation);
    // The labels travel with their images.
    for (int j = 0; j < validation.length; j++) {
      assertEquals(validation[j] % 10, split.validation().labels()[j]);
    }
  }

  @Test
  void split_sameSeed_sameSplit_otherSeed_otherSplit() {
    DataSet data = numbered(100);
    int[] first = ids(data.split(20, 7).validation());
    assertArrayEquals(first, ids(data.split(20, 7).validation()));
    assertFalse(Arrays.equals(first, ids(data.split(20, 8).validation())));
  }

  @Test
  void split_copies() {
    DataSet data = numbered(10);
    assertNotSame(data.images().data(), data.split(1, 0).train().images().data());
  }

  @Test
  void split_rejectsAValidationCountThatEmptiesAPart() {
    var e = assertThrows(IllegalArgumentException.class, () -> numbered(10).split(10, 0));
    assertEquals(
        "DataSet.split: expected validationCount in [1, 9] to leave both parts non-empty, got 10",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> numbered(10).split(0, 0));
  }

  /** {@code n} images of shape [1, 1, 2]: image i holds i and i + 0.5, and its label is i % 10. */
  private static DataSet numbered(int n) {
    float[] x = new float[n * 2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = i + 0.5f;
      y[i] = i % 10;
    }
    return new DataSet(Tensor.of(x, n, 1, 1, 2), y);
  }

  /** The numbers of the images in a data set built by {@link #numbered}. */
  private static int[] ids(DataSet data) {
    int[] ids = new int[data.size()];
    for (int j = 0; j < ids.length; j++) {
      ids[j] = (int) data.images().data()[2 * j];
    }
    return ids;
  }

  private static int[] histogram(int[] labels) {
    int[] counts = new int[DataSet.CLASSES];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }
}
