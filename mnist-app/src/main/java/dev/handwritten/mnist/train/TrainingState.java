package dev.handwritten.mnist.train;

import dev.handwritten.optim.Adam;
import java.util.List;

/**
 * Where training stands at the end of an epoch: everything {@link Trainer} needs to continue from
 * there with the same bits as a run that never stopped. What it does not hold, it derives: every
 * random choice is a pure function of the seed and a counter, so the data order of an epoch is the
 * seeded shuffle of (seed, epoch), an image's augmentation is a function of (seed, epoch, image), a
 * dropout mask of (seed, step), and the learning rate of the schedule at (epoch, step). The arrays
 * are copies, taken when the epoch ended.
 *
 * @param epoch the epochs finished, at least 1
 * @param step the training steps taken: the next step's number, which seeds its dropout masks
 * @param finished true when training has ended: every epoch ran, or early stopping stopped it
 * @param dataFingerprint the training and validation data's {@link Trainer#fingerprint}: resuming
 *     on other data would silently give another result, so it is checked
 * @param learningRate the rate of the last step (for people; the schedule sets every step's)
 * @param weights the model's parameters, then its state tensors, in {@code Sequential} order
 * @param optimizer Adam's moments and step count
 * @param bestEpoch early stopping: the epoch with the best validation accuracy so far; 0 without
 *     early stopping
 * @param bestAccuracy that epoch's validation accuracy; -1 without early stopping
 * @param bestWeights that epoch's weights, as {@code weights}; empty without early stopping
 * @param averages the exponential moving average of the weights, as {@code weights}; empty without
 *     one. It was updated once per step, so {@code step} is its update count
 * @param history one entry per finished epoch
 */
public record TrainingState(
    int epoch,
    long step,
    boolean finished,
    long dataFingerprint,
    double learningRate,
    List<float[]> weights,
    Adam.State optimizer,
    int bestEpoch,
    double bestAccuracy,
    List<float[]> bestWeights,
    List<float[]> averages,
    List<EpochMetrics> history) {
  /**
   * @throws IllegalArgumentException if the epoch or step is negative, or the history does not have
   *     one entry per epoch
   */
  public TrainingState {
    if (epoch < 1 || step < 0 || bestEpoch < 0 || bestEpoch > epoch) {
      throw new IllegalArgumentException(
          "TrainingState: expected epoch >= 1, step >= 0 and best epoch in [0, epoch], got "
              + epoch
              + ", "
              + step
              + " and "
              + bestEpoch);
    }
    if (history.size() != epoch) {
      throw new IllegalArgumentException(
          "TrainingState: expected one history entry per epoch, "
              + epoch
              + ", got "
              + history.size());
    }
    weights = List.copyOf(weights);
    bestWeights = List.copyOf(bestWeights);
    averages = List.copyOf(averages);
    history = List.copyOf(history);
  }
}
