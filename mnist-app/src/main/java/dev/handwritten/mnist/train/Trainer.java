package dev.handwritten.mnist.train;

import dev.handwritten.layers.BatchNorm;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.optim.Adam;
import dev.handwritten.optim.ExponentialMovingAverage;
import dev.handwritten.optim.LearningRateSchedule;
import dev.handwritten.parallel.DataParallel;
import dev.handwritten.tensor.NonFiniteException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Mini-batch training with Adam and softmax cross-entropy, evaluating on a validation set after
 * each epoch. Deterministic: the shuffling of every epoch and every dropout mask derive from the
 * seed, so the same seed gives the same weights. After each epoch the listener receives a {@link
 * TrainingState} to save; training continued from one ends with the same bits as a run that never
 * stopped. A loss that is not a finite number stops training before it changes a weight ({@link
 * DivergedException}). With {@link Config#averageDecay()}, an {@link ExponentialMovingAverage} of
 * the weights follows every step and stands in for them wherever the model is judged: validation,
 * early stopping's best epoch, and the model returned.
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
   * @param averageDecay the decay of an {@link ExponentialMovingAverage} of the weights, in {@code
   *     (0, 1)}: validation, early stopping and the trained model then use the average; 0 for none
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
      int patience,
      double averageDecay) {
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
          0,
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
      if (!(averageDecay == 0 || averageDecay > 0 && averageDecay < 1)) {
        throw new IllegalArgumentException(
            "expected --ema-decay in (0, 1), or 0 for none, got " + averageDecay);
      }
    }

    /** {@return true when the weights are averaged, and the average is what is evaluated} */
    public boolean averaged() {
      return averageDecay > 0;
    }
  }

  /** Hears about progress; called on the training thread. */
  public interface Listener {
    /** Hears nothing: for training whose progress nobody watches, such as a benchmark's. */
    Listener NONE =
        new Listener() {
          @Override
          public void step(
              int epoch,
              int step,
              int steps,
              double loss,
              double accuracy,
              long images,
              double seconds) {}

          @Override
          public void epoch(EpochMetrics metrics) {}
        };

    /** After each step, with the running means of the epoch so far. */
    void step(
        int epoch, int step, int steps, double loss, double accuracy, long images, double seconds);

    /** After each epoch, once validation is done. */
    void epoch(EpochMetrics metrics);

    /**
     * After each epoch, once early stopping has seen it: where training stands, to save as a
     * checkpoint. Training continues when this returns.
     */
    default void checkpoint(TrainingState state) {}
  }

  /**
   * Trains {@code model} in place. Each batch is split into chunks of {@link Config#chunkFor}
   * images computed by {@link DataParallel} on {@code config.threads()} threads; the weights after
   * training are bit-identical for any thread count.
   *
   * @param replicaFactory builds a model exactly as {@code model} was built (same seed), for the
   *     workers
   * @return one entry per epoch
   * @throws DivergedException if a loss or the weights stop being finite numbers
   */
  public static List<EpochMetrics> train(
      Sequential model,
      Supplier<Sequential> replicaFactory,
      DataSet train,
      DataSet validation,
      Config config,
      Listener listener) {
    return train(model, replicaFactory, train, validation, config, Optional.empty(), listener);
  }

  /**
   * As {@link #train(Sequential, Supplier, DataSet, DataSet, Config, Listener)}, continuing from a
   * checkpoint: {@code model}'s weights and the optimizer are set from {@code resumeFrom}, and
   * training goes on with the epoch after it. With the same data and config, the weights at the end
   * are bit-identical to those of a run that never stopped. A finished state trains nothing and
   * only restores the kept weights.
   *
   * @param resumeFrom a state that {@link Listener#checkpoint} received, or empty to start afresh
   * @return every epoch's entry, the checkpoint's included
   * @throws IllegalArgumentException if the data is not the data of the checkpoint, or its weights
   *     do not fit {@code model}
   */
  public static List<EpochMetrics> train(
      Sequential model,
      Supplier<Sequential> replicaFactory,
      DataSet train,
      DataSet validation,
      Config config,
      Optional<TrainingState> resumeFrom,
      Listener listener) {
    try (DataParallel parallel =
        new DataParallel(model, replicaFactory, Config.chunkFor(model), config.threads())) {
      return train(model, parallel, train, validation, config, resumeFrom, listener);
    }
  }

  private static List<EpochMetrics> train(
      Sequential model,
      DataParallel parallel,
      DataSet train,
      DataSet validation,
      Config config,
      Optional<TrainingState> resumeFrom,
      Listener listener) {
    Adam adam =
        new Adam(
            model.parameters(),
            Adam.Config.DEFAULT
                .withLearningRate(config.learningRate())
                .withWeightDecay(config.weightDecay()));
    long fingerprint = fingerprint(train, validation);
    List<EpochMetrics> history = new ArrayList<>();
    long step = 0;
    double bestAccuracy = -1;
    int bestEpoch = 0;
    List<float[]> best = null;
    int firstEpoch = 1;
    boolean finished = false;
    if (resumeFrom.isPresent()) {
      TrainingState state = resumeFrom.get();
      if (state.dataFingerprint() != fingerprint) {
        throw new IllegalArgumentException(
            String.format(
                "Trainer: expected the data the run started with (fingerprint %016x), got other"
                    + " data (%016x); resume with the same files, --limit and --validation",
                state.dataFingerprint(), fingerprint));
      }
      ModelWeights.restore(model, state.weights());
      adam.restore(state.optimizer());
      step = state.step();
      history.addAll(state.history());
      bestEpoch = state.bestEpoch();
      bestAccuracy = state.bestAccuracy();
      best = state.bestWeights().isEmpty() ? null : state.bestWeights();
      firstEpoch = state.epoch() + 1;
      finished = state.finished();
    }
    ExponentialMovingAverage average =
        config.averaged() ? ExponentialMovingAverage.of(model, config.averageDecay()) : null;
    if (average != null && resumeFrom.isPresent()) {
      if (resumeFrom.get().averages().isEmpty()) {
        throw new IllegalArgumentException(
            "Trainer: expected the average of the weights in the checkpoint of a run with"
                + " --ema-decay, found none");
      }
      average.restore(resumeFrom.get().averages(), step);
    }
    try (TrainingBatches batches =
        new TrainingBatches(
            train, config.batchSize(), config.seed(), config.augmentation(), parallel.threads())) {
      int steps = batches.steps();
      for (int epoch = firstEpoch; !finished && epoch <= config.epochs(); epoch++) {
        int[] order = batches.order(epoch);
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        for (int s = 0; s < steps; s++) {
          TrainingBatches.Batch batch = batches.batch(epoch, order, s);
          int size = batch.labels().length;
          adam.setLearningRate(config.schedule().rate(epoch - 1 + s / (double) steps));
          SoftmaxCrossEntropy.Result r;
          try {
            r = parallel.computeGradients(batch.images(), batch.labels(), step);
          } catch (NonFiniteException e) {
            // The images are finite pixels, so this is the weights: activations overflowed.
            String what = e.getMessage().split(";")[0];
            throw diverged(
                "the activations overflowed (" + what + ")", step + 1, epoch, s + 1, steps, config);
          }
          if (!Double.isFinite(r.loss())) {
            throw diverged("the loss is " + r.loss(), step + 1, epoch, s + 1, steps, config);
          }
          adam.step();
          if (average != null) {
            average.update();
          }
          step++;
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
        if (!ModelWeights.allFinite(model)) {
          throw diverged("the weights are no longer finite", step, epoch, steps, steps, config);
        }
        // With an average, it is what is validated, kept as the best, and trained on no further.
        if (average != null) {
          average.swap();
        }
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
        boolean stop = false;
        if (config.patience() > 0) {
          if (val.accuracy() > bestAccuracy) {
            bestAccuracy = val.accuracy();
            bestEpoch = epoch;
            best = ModelWeights.snapshot(model);
          }
          stop = epoch - bestEpoch >= config.patience();
        }
        if (average != null) {
          average.swap();
        }
        finished = stop || epoch == config.epochs();
        listener.checkpoint(
            new TrainingState(
                epoch,
                step,
                finished,
                fingerprint,
                adam.learningRate(),
                ModelWeights.snapshot(model),
                adam.state(),
                bestEpoch,
                bestAccuracy,
                best == null ? List.of() : best,
                average == null ? List.of() : average.averages(),
                history));
      }
    }
    if (best != null) {
      ModelWeights.restore(model, best);
    } else if (average != null) {
      average.swap();
    }
    return history;
  }

  private static DivergedException diverged(
      String what, long step, int epoch, int batch, int batches, Config config) {
    return new DivergedException(
        String.format(
            "training diverged at step %,d (epoch %d, batch %d of %d): %s; lower"
                + " --learning-rate (it is %s)",
            step, epoch, batch, batches, what, config.learningRate()),
        step,
        epoch);
  }

  /**
   * A CRC-32 of the images' float bits and the labels of both sets, which is what a checkpoint
   * checks to know it continues on the same data, in the same split.
   */
  public static long fingerprint(DataSet train, DataSet validation) {
    CRC32 crc = new CRC32();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (DataSet set : List.of(train, validation)) {
      for (float v : set.images().data()) {
        if (buffer.remaining() < 4) {
          crc.update(buffer.flip());
          buffer.clear();
        }
        buffer.putFloat(v);
      }
      for (int label : set.labels()) {
        if (buffer.remaining() < 4) {
          crc.update(buffer.flip());
          buffer.clear();
        }
        buffer.putInt(label);
      }
    }
    crc.update(buffer.flip());
    return crc.getValue() ^ ((long) train.size() << 32) ^ ((long) validation.size() << 48);
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
}
