package dev.handwritten.mnist.train;

import dev.handwritten.layers.BatchNorm;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.optim.Adam;
import dev.handwritten.optim.LearningRateSchedule;
import dev.handwritten.parallel.DataParallel;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Mini-batch training with Adam and softmax cross-entropy, evaluating on a validation set after
 * each epoch. Deterministic: the shuffling of every epoch and every dropout mask derive from the
 * seed, so the same seed gives the same weights.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * @param epochs passes over the training set, at least 1
   * @param batchSize images per step, at least 1
   * @param learningRate Adam's step size
   * @param seed seeds the shuffling (the weights are seeded when the model is built)
   * @param threads worker threads; the results do not depend on it
   * @param schedule the learning rate over the epochs; {@code learningRate} is its base
   * @param weightDecay decoupled weight decay (AdamW); 0 for plain Adam
   * @param augmentation random distortions of the training images; {@link Augmentation#NONE} for
   *     none
   * @param patience early stopping: stop after this many epochs without a better validation
   *     accuracy, and keep the best epoch's weights; 0 trains every epoch and keeps the last
   */
  public record Config(
      int epochs,
      int batchSize,
      double learningRate,
      long seed,
      int threads,
      LearningRateSchedule schedule,
      double weightDecay,
      Augmentation augmentation,
      int patience) {
    /**
     * Images per chunk of a batch for a model without batch normalization. Small chunks keep a
     * worker's activations in its core's cache: the reference CNN's epoch measured 14% faster with
     * chunks of 4 than of 16 (22.2-24.4 s against 26.1-28.3 s, 2 threads, runs alternated).
     */
    public static final int CHUNK = 4;

    /**
     * Images per chunk where the model has batch normalization: there a chunk is also the group
     * whose statistics normalize it (a "ghost batch"), and 4 images would make those too noisy.
     */
    public static final int CHUNK_WITH_BATCH_NORM = 16;

    /**
     * The chunk size for {@code model}. It fixes how a batch is split, so it depends on the model
     * alone, never on the number of threads.
     */
    public static int chunkFor(Sequential model) {
      boolean batchNorm = model.layers().stream().anyMatch(layer -> layer instanceof BatchNorm);
      return batchNorm ? CHUNK_WITH_BATCH_NORM : CHUNK;
    }

    /** Plain Adam at a constant learning rate. */
    public Config(int epochs, int batchSize, double learningRate, long seed, int threads) {
      this(
          epochs,
          batchSize,
          learningRate,
          seed,
          threads,
          new LearningRateSchedule.Constant(learningRate),
          0,
          Augmentation.NONE,
          0);
    }

    public Config {
      if (patience < 0) {
        throw new IllegalArgumentException("expected --early-stopping >= 0, got " + patience);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("expected --threads >= 1, got " + threads);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("expected --epochs >= 1, got " + epochs);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("expected --batch-size >= 1, got " + batchSize);
      }
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException(
            "expected a positive --learning-rate, got " + learningRate);
      }
    }
  }

  /** Hears about progress; called on the training thread. */
  public interface Listener {
    /** After each step, with the running means of the epoch so far. */
    void step(
        int epoch, int step, int steps, double loss, double accuracy, long images, double seconds);

    /** After each epoch, once validation is done. */
    void epoch(EpochMetrics metrics);
  }

  /**
   * Trains {@code model} in place. Each batch is split into chunks of {@link Config#chunkFor}
   * images computed by {@link DataParallel} on {@code config.threads()} threads; the weights after
   * training are bit-identical for any thread count.
   *
   * @param replicaFactory builds a model exactly as {@code model} was built (same seed), for the
   *     workers
   * @return one entry per epoch
   */
  public static List<EpochMetrics> train(
      Sequential model,
      Supplier<Sequential> replicaFactory,
      DataSet train,
      DataSet validation,
      Config config,
      Listener listener) {
    try (DataParallel parallel =
        new DataParallel(model, replicaFactory, Config.chunkFor(model), config.threads())) {
      return train(model, parallel, train, validation, config, listener);
    }
  }

  private static List<EpochMetrics> train(
      Sequential model,
      DataParallel parallel,
      DataSet train,
      DataSet validation,
      Config config,
      Listener listener) {
    Adam adam =
        new Adam(
            model.parameters(),
            Adam.Config.DEFAULT
                .withLearningRate(config.learningRate())
                .withWeightDecay(config.weightDecay()));
    int count = train.size();
    int imageSize = train.images().size() / count;
    int rows = train.images().shape().dim(-2);
    int cols = train.images().shape().dim(-1);
    boolean augment = config.augmentation().enabled() && train.images().shape().dim(1) == 1;
    int steps = (count + config.batchSize() - 1) / config.batchSize();
    float[] images = train.images().data();
    List<EpochMetrics> history = new ArrayList<>();
    Tensor full =
        Tensor.zeros(train.images().shape().withDim(0, Math.min(config.batchSize(), count)));
    int[] fullLabels = new int[full.shape().dim(0)];
    long step = 0;
    double bestAccuracy = -1;
    int bestEpoch = 0;
    List<float[]> best = null;
    // Each image's augmentation depends only on (seed, epoch, image), so the threads can share a
    // batch without changing a bit; on the main thread alone it cost about 7% of an epoch while
    // the workers waited.
    ForkJoinPool augmenters =
        augment && parallel.threads() > 1 ? new ForkJoinPool(parallel.threads()) : null;
    try {
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        int[] order = permutation(count, new SplittableRandom(config.seed() * 31 + epoch));
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        for (int s = 0; s < steps; s++) {
          int from = s * config.batchSize();
          int size = Math.min(config.batchSize(), count - from);
          // The last batch may be smaller: it gets its own tensor, so the full-size buffers stay.
          Tensor x =
              size == full.shape().dim(0) ? full : Tensor.zeros(full.shape().withDim(0, size));
          int[] labels = size == fullLabels.length ? fullLabels : new int[size];
          if (augment) {
            augmentBatch(
                augmenters, config, images, order, from, size, x.data(), rows, cols, epoch);
          } else {
            for (int n = 0; n < size; n++) {
              System.arraycopy(
                  images, order[from + n] * imageSize, x.data(), n * imageSize, imageSize);
            }
          }
          for (int n = 0; n < size; n++) {
            labels[n] = train.labels()[order[from + n]];
          }
          adam.setLearningRate(config.schedule().rate(epoch - 1 + s / (double) steps));
          SoftmaxCrossEntropy.Result r = parallel.computeGradients(x, labels, step++);
          adam.step();
          parallel.syncReplicas();
          lossSum += r.loss() * size;
          correct += r.correct();
          seen += size;
          listener.step(
              epoch,
              s + 1,
              steps,
              lossSum / seen,
              correct / (double) seen,
              seen,
              (System.nanoTime() - start) / 1e9);
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Evaluation val = Evaluator.evaluate(model, validation, 1000);
        EpochMetrics metrics =
            new EpochMetrics(
                epoch,
                trainSeconds,
                lossSum / seen,
                correct / (double) seen,
                val.loss(),
                val.accuracy());
        history.add(metrics);
        listener.epoch(metrics);
        if (config.patience() > 0) {
          if (val.accuracy() > bestAccuracy) {
            bestAccuracy = val.accuracy();
            bestEpoch = epoch;
            best = snapshot(model);
          } else if (epoch - bestEpoch >= config.patience()) {
            break;
          }
        }
      }
    } finally {
      if (augmenters != null) {
        augmenters.shutdown();
      }
    }
    if (best != null) {
      restore(model, best);
    }
    return history;
  }

  /** Fills {@code x} with the augmented images {@code order[from .. from+size)}. */
  private static void augmentBatch(
      ForkJoinPool augmenters,
      Config config,
      float[] images,
      int[] order,
      int from,
      int size,
      float[] x,
      int rows,
      int cols,
      int epoch) {
    int imageSize = rows * cols;
    IntConsumer one =
        n ->
            config
                .augmentation()
                .apply(
                    images,
                    order[from + n] * imageSize,
                    x,
                    n * imageSize,
                    rows,
                    cols,
                    config.seed(),
                    epoch,
                    order[from + n]);
    if (augmenters == null) {
      for (int n = 0; n < size; n++) {
        one.accept(n);
      }
    } else {
      augmenters.submit(() -> IntStream.range(0, size).parallel().forEach(one)).join();
    }
  }

  /** The epoch whose weights {@link #train} kept: the best on validation with early stopping. */
  public static int keptEpoch(List<EpochMetrics> history, Config config) {
    if (config.patience() == 0) {
      return history.size();
    }
    int best = 0;
    for (int i = 1; i < history.size(); i++) {
      if (history.get(i).valAccuracy() > history.get(best).valAccuracy()) {
        best = i;
      }
    }
    return best + 1;
  }

  /** Copies of every parameter and state tensor, for the best checkpoint. */
  private static List<float[]> snapshot(Sequential model) {
    List<float[]> copy = new ArrayList<>();
    model.parameters().forEach(p -> copy.add(p.value().data().clone()));
    model.state().forEach(t -> copy.add(t.data().clone()));
    return copy;
  }

  private static void restore(Sequential model, List<float[]> snapshot) {
    int i = 0;
    for (var p : model.parameters()) {
      float[] from = snapshot.get(i++);
      System.arraycopy(from, 0, p.value().data(), 0, from.length);
    }
    for (var t : model.state()) {
      float[] from = snapshot.get(i++);
      System.arraycopy(from, 0, t.data(), 0, from.length);
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
