package dev.handwritten.optim;

import dev.handwritten.layers.Parameter;
import dev.handwritten.layers.Sequential;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of a model's weights (Polyak averaging, in TensorFlow's form):
 * after every optimizer step {@code t = 1, 2, ...}
 *
 * <pre>
 *   d = min(decay, (1 + t) / (10 + t))
 *   average = d * average + (1 - d) * weight
 * </pre>
 *
 * The average starts at the weights it was made from. The cap {@code (1 + t) / (10 + t)} lets the
 * first few hundred steps, whose weights are far from any good ones, fade quickly instead of
 * weighing on the average for {@code 1 / (1 - decay)} steps. The averaged weights sit in a flatter
 * part of the loss than the last step's, which jitters with the step size: they generalize a little
 * better, and are what a model trained with an average is evaluated and saved with.
 *
 * <p>It averages a model's parameters and its state tensors (batch normalization's running mean and
 * variance) alike, as one set of weights. {@link #swap()} exchanges the averages with the model's
 * values, so that an evaluation can run on the averages and a second swap puts training's weights
 * back, with no copy of the model.
 */
public final class ExponentialMovingAverage {
  private final List<Tensor> tracked;
  private final float[][] averages;
  private final double decay;
  private long updates;

  /**
   * An average of {@code tensors}, starting at their current values.
   *
   * @param tensors what it averages; their arrays are read at every update and written by {@link
   *     #swap}
   * @param decay how much of the average each step keeps, in {@code (0, 1)}; 0.999 averages over
   *     about the last thousand steps
   * @throws IllegalArgumentException if {@code decay} is not in {@code (0, 1)}
   */
  public ExponentialMovingAverage(List<Tensor> tensors, double decay) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException(
          "ExponentialMovingAverage: expected a decay in (0, 1), got " + decay);
    }
    this.tracked = List.copyOf(tensors);
    this.decay = decay;
    this.averages = new float[tracked.size()][];
    for (int i = 0; i < averages.length; i++) {
      averages[i] = tracked.get(i).data().clone();
    }
  }

  /**
   * {@return an average of {@code model}'s parameters, then its state tensors, in the model's
   * order}
   *
   * @param model the model whose weights it follows
   * @param decay as {@link #ExponentialMovingAverage(List, double)} takes it
   * @throws IllegalArgumentException if {@code decay} is not in {@code (0, 1)}
   */
  public static ExponentialMovingAverage of(Sequential model, double decay) {
    List<Tensor> tensors = new ArrayList<>();
    model.parameters().stream().map(Parameter::value).forEach(tensors::add);
    tensors.addAll(model.state());
    return new ExponentialMovingAverage(tensors, decay);
  }

  /** {@return the decay it was made with} */
  public double decay() {
    return decay;
  }

  /** {@return the updates so far, which set the warm-up cap} */
  public long updates() {
    return updates;
  }

  /** Moves the average toward the model's current weights; call it after each optimizer step. */
  public void update() {
    updates++;
    float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
    for (int i = 0; i < averages.length; i++) {
      float[] average = averages[i];
      float[] weight = tracked.get(i).data();
      for (int j = 0; j < average.length; j++) {
        average[j] = d * average[j] + (1 - d) * weight[j];
      }
    }
  }

  /**
   * Exchanges the averages with the model's weights: after one call the model holds the averages,
   * after a second its own weights again.
   */
  public void swap() {
    for (int i = 0; i < averages.length; i++) {
      float[] weight = tracked.get(i).data();
      float[] average = averages[i];
      for (int j = 0; j < average.length; j++) {
        float swap = weight[j];
        weight[j] = average[j];
        average[j] = swap;
      }
    }
  }

  /**
   * {@return copies of the averages, parameters first and then state tensors, in the model's order:
   * what a checkpoint saves}
   */
  public List<float[]> averages() {
    List<float[]> copy = new ArrayList<>();
    for (float[] average : averages) {
      copy.add(average.clone());
    }
    return copy;
  }

  /**
   * Continues from saved averages, as {@link #averages()} returned them after {@code updates}
   * updates: the next {@link #update()} computes exactly what it would have there.
   *
   * @param saved what {@link #averages()} returned, one array per tensor
   * @param updates the updates made when it was saved
   * @throws IllegalArgumentException if {@code updates} is negative, or naming the first tensor
   *     whose size differs from the model's
   */
  public void restore(List<float[]> saved, long updates) {
    if (updates < 0 || saved.size() != averages.length) {
      throw new IllegalArgumentException(
          "ExponentialMovingAverage.restore: expected updates >= 0 and averages for "
              + averages.length
              + " tensors, got "
              + updates
              + " and "
              + saved.size());
    }
    for (int i = 0; i < averages.length; i++) {
      if (saved.get(i).length != averages[i].length) {
        throw new IllegalArgumentException(
            "ExponentialMovingAverage.restore: expected "
                + averages[i].length
                + " values for tensor "
                + i
                + ", got "
                + saved.get(i).length);
      }
    }
    for (int i = 0; i < averages.length; i++) {
      System.arraycopy(saved.get(i), 0, averages[i], 0, averages[i].length);
    }
    this.updates = updates;
  }
}
