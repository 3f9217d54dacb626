package dev.handwritten.mnist.train;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The mini-batches a training run steps through: each epoch a seeded shuffle of the training set,
 * cut into batches whose images are copied, or augmented afresh, into one reused tensor. Every
 * batch is a pure function of (seed, epoch, step), which is what lets a resumed run continue bit
 * for bit and lets several threads augment one batch.
 */
final class TrainingBatches implements AutoCloseable {
  /** One batch: {@code images} is {@code [size, channels, height, width]}. */
  record Batch(Tensor images, int[] labels) {}

  private final DataSet train;
  private final int batchSize;
  private final long seed;
  private final Augmentation augmentation;
  private final int rows;
  private final int cols;
  private final int imageSize;
  private final Tensor full;
  private final int[] fullLabels;

  /**
   * Each image's augmentation depends only on (seed, epoch, image), so threads can share a batch
   * without changing a bit; on the main thread alone it cost about 7% of an epoch while the workers
   * waited. Null when there is nothing to share.
   */
  private final ForkJoinPool augmenters;

  /**
   * @param augmentation applied to single-channel images only; {@link Augmentation#NONE} for none
   * @param threads the threads that augment a batch together
   */
  TrainingBatches(DataSet train, int batchSize, long seed, Augmentation augmentation, int threads) {
    this.train = train;
    this.batchSize = batchSize;
    this.seed = seed;
    boolean augment = augmentation.enabled() && train.images().shape().dim(1) == 1;
    this.augmentation = augment ? augmentation : null;
    this.rows = train.images().shape().dim(-2);
    this.cols = train.images().shape().dim(-1);
    this.imageSize = train.images().size() / train.size();
    this.full = Tensor.zeros(train.images().shape().withDim(0, Math.min(batchSize, train.size())));
    this.fullLabels = new int[full.shape().dim(0)];
    this.augmenters = augment && threads > 1 ? new ForkJoinPool(threads) : null;
  }

  /** Batches per epoch; the last may be smaller. */
  int steps() {
    return (train.size() + batchSize - 1) / batchSize;
  }

  /** The order in which epoch {@code epoch} (from 1) visits the training images. */
  int[] order(int epoch) {
    return permutation(train.size(), new SplittableRandom(seed * 31 + epoch));
  }

  /**
   * Batch {@code step} (from 0) of an epoch. The full-size tensor is reused: the batch is valid
   * until the next call.
   */
  Batch batch(int epoch, int[] order, int step) {
    int from = step * batchSize;
    int size = Math.min(batchSize, train.size() - from);
    // The last batch may be smaller: it gets its own tensor, so the full-size buffers stay.
    Tensor x = size == full.shape().dim(0) ? full : Tensor.zeros(full.shape().withDim(0, size));
    int[] labels = size == fullLabels.length ? fullLabels : new int[size];
    float[] images = train.images().data();
    if (augmentation != null) {
      IntConsumer one =
          n ->
              augmentation.apply(
                  images,
                  order[from + n] * imageSize,
                  x.data(),
                  n * imageSize,
                  rows,
                  cols,
                  seed,
                  epoch,
                  order[from + n]);
      if (augmenters == null) {
        for (int n = 0; n < size; n++) {
          one.accept(n);
        }
      } else {
        augmenters.submit(() -> IntStream.range(0, size).parallel().forEach(one)).join();
      }
    } else {
      for (int n = 0; n < size; n++) {
        System.arraycopy(images, order[from + n] * imageSize, x.data(), n * imageSize, imageSize);
      }
    }
    for (int n = 0; n < size; n++) {
      labels[n] = train.labels()[order[from + n]];
    }
    return new Batch(x, labels);
  }

  @Override
  public void close() {
    if (augmenters != null) {
      augmenters.shutdown();
    }
  }

  /** A seeded Fisher-Yates shuffle of {@code 0 .. count-1}. */
  static int[] permutation(int count, SplittableRandom random) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
