package dev.handwritten.optim;

/**
 * Updates parameters from their gradients. An optimizer is created for a fixed list of parameters
 * and owns all its state (momentum, moments); layers never hold optimizer state.
 */
public interface Optimizer {
  /** Applies one update to every parameter from its current gradient. */
  void step();

  /** {@return the learning rate the next {@link #step()} uses} */
  double learningRate();

  /**
   * Changes the learning rate for the following steps, for schedules.
   *
   * @param learningRate the new rate, positive
   * @throws IllegalArgumentException if it is not positive and finite
   */
  void setLearningRate(double learningRate);
}
