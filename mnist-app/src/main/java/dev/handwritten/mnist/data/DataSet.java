package dev.handwritten.mnist.data;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Labelled images in memory: a float32 tensor {@code [N, C, H, W]} (for MNIST {@code [N, 1, 28,
 * 28]}, pixels scaled to [0, 1]) and one label in [0, 10) per image.
 *
 * <pre>{@code
 * DataSet train = DataSet.loadTrain(dir);                   // 60000 images
 * DataSet.Split split = train.split(5_000, 42);             // 55000 train, 5000 validation
 * DataSet test = DataSet.loadTest(dir);                     // 10000 images
 * }</pre>
 *
 * <p>The record holds its tensor and array without copying, and like every record with array
 * components it compares them by reference. {@link #subset}, {@link #select} and {@link #split}
 * copy, so what they return never shares memory with this data set.
 *
 * @param images {@code [N, C, H, W]}
 * @param labels {@code N} class indices, each in [0, {@value #CLASSES})
 */
public record DataSet(Tensor images, int[] labels) {
  /** The number of classes: ten digits, or ten kinds of clothing for Fashion-MNIST. */
  public static final int CLASSES = 10;

  /**
   * @throws IllegalArgumentException if images is not rank 4, the label count differs from the
   *     image count, or a label is outside [0, {@value #CLASSES})
   */
  public DataSet {
    if (images.shape().rank() != 4) {
      throw new IllegalArgumentException(
          "DataSet: expected images [N, C, H, W], got " + images.shape());
    }
    int n = images.shape().dim(0);
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "DataSet: expected " + n + " labels, one per image, got " + labels.length);
    }
    int bad = firstBadLabel(labels);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "DataSet: expected labels in [0, "
              + CLASSES
              + "), got "
              + labels[bad]
              + " at index "
              + bad);
    }
  }

  /**
   * Reads an image file and its label file and scales the pixels to [0, 1] ({@code pixel / 255f}).
   *
   * @param images an IDX image file, gzipped or raw
   * @param labels the matching IDX label file
   * @return {@code [N, 1, rows, cols]} images and their labels
   * @throws IOException if either file cannot be read (see {@link IdxReader}), the counts differ,
   *     or a label is outside [0, {@value #CLASSES})
   */
  public static DataSet load(Path images, Path labels) throws IOException {
    IdxImages idx = IdxReader.readImages(images);
    int[] classes = IdxReader.readLabels(labels);
    if (idx.count() != classes.length) {
      throw new IOException(
          "IdxReader: "
              + idx.count()
              + " images in "
              + images.getFileName()
              + " but "
              + classes.length
              + " labels in "
              + labels.getFileName()
              + "; expected one label per image, are both files from the same split?");
    }
    int bad = firstBadLabel(classes);
    if (bad >= 0) {
      throw new IOException(
          "IdxReader: "
              + labels.getFileName()
              + ": expected labels in [0, "
              + CLASSES
              + "), got "
              + classes[bad]
              + " at index "
              + bad
              + "; is this a label file of a data set with more classes?");
    }
    byte[] pixels = idx.pixels();
    float[] x = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      x[i] = (pixels[i] & 0xFF) / 255f;
    }
    return new DataSet(Tensor.of(x, idx.count(), 1, idx.rows(), idx.cols()), classes);
  }

  /**
   * The training split: {@value MnistFiles#TRAIN_IMAGES} and {@value MnistFiles#TRAIN_LABELS} in
   * {@code dir}, or their decompressed twins without {@code .gz}.
   *
   * @throws IOException if a file is missing or unreadable; see {@link #load}
   */
  public static DataSet loadTrain(Path dir) throws IOException {
    return load(
        MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES),
        MnistFiles.find(dir, MnistFiles.TRAIN_LABELS));
  }

  /**
   * The test split: {@value MnistFiles#TEST_IMAGES} and {@value MnistFiles#TEST_LABELS} in {@code
   * dir}, or their decompressed twins without {@code .gz}.
   *
   * @throws IOException if a file is missing or unreadable; see {@link #load}
   */
  public static DataSet loadTest(Path dir) throws IOException {
    return load(
        MnistFiles.find(dir, MnistFiles.TEST_IMAGES), MnistFiles.find(dir, MnistFiles.TEST_LABELS));
  }

  /** The number of images, {@code N}. */
  public int size() {
    return labels.length;
  }

  /**
   * A copy of images {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @throws IllegalArgumentException unless {@code 0 <= from < to <= size()}
   */
  public DataSet subset(int from, int to) {
    if (from < 0 || from >= to || to > size()) {
      throw new IllegalArgumentException(
          "DataSet.subset: expected 0 <= from < to <= "
              + size()
              + ", got from="
              + from
              + ", to="
              + to);
    }
    int sample = images.shape().sample().size();
    float[] x = Arrays.copyOfRange(images.data(), from * sample, to * sample);
    return new DataSet(
        Tensor.of(x, images.shape().withDim(0, to - from)), Arrays.copyOfRange(labels, from, to));
  }

  /**
   * A copy of the images at {@code indices}, in that order; an index may repeat.
   *
   * @param indices at least one, each in [0, size())
   * @throws IllegalArgumentException if there are no indices or one is out of range
   */
  public DataSet select(int[] indices) {
    if (indices.length == 0) {
      throw new IllegalArgumentException("DataSet.select: expected at least one index, got none");
    }
    Shape shape = images.shape().withDim(0, indices.length);
    int sample = images.shape().sample().size();
    float[] src = images.data();
    float[] x = new float[shape.size()];
    int[] y = new int[indices.length];
    for (int j = 0; j < indices.length; j++) {
      int i = indices[j];
      if (i < 0 || i >= size()) {
        throw new IllegalArgumentException(
            "DataSet.select: expected indices in [0, "
                + size()
                + "), got "
                + i
                + " at position "
                + j);
      }
      System.arraycopy(src, i * sample, x, j * sample, sample);
      y[j] = labels[i];
    }
    return new DataSet(Tensor.of(x, shape), y);
  }

  /**
   * Sets aside a random {@code validationCount} images. The same seed always gives the same split;
   * the two parts are disjoint and together hold every image once. Both keep the original order:
   * the split only decides membership, and shuffling for each epoch is the training loop's job.
   *
   * @param validationCount in [1, size())
   * @param seed for {@link SplittableRandom}
   * @throws IllegalArgumentException if validationCount leaves either part empty
   */
  public Split split(int validationCount, long seed) {
    int n = size();
    if (validationCount < 1 || validationCount >= n) {
      throw new IllegalArgumentException(
          "DataSet.split: expected validationCount in [1, "
              + (n - 1)
              + "] to leave both parts non-empty, got "
              + validationCount);
    }
    // Fisher-Yates shuffle of 0..n-1; the first validationCount indices go to validation.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] validation = Arrays.copyOfRange(order, 0, validationCount);
    int[] train = Arrays.copyOfRange(order, validationCount, n);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new Split(select(train), select(validation));
  }

  /** The shape and size, not the values. */
  @Override
  public String toString() {
    return "DataSet[" + size() + " images " + images.shape() + "]";
  }

  /** The index of the first label outside [0, CLASSES), or -1. */
  private static int firstBadLabel(int[] labels) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= CLASSES) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A data set cut in two by {@link #split}.
   *
   * @param train the images to train on
   * @param validation the images held out to measure progress
   */
  public record Split(DataSet train, DataSet validation) {}
}
