package dev.handwritten.optim;

/**
 * Updates parameters from their gradients. An optimizer is created for a fixed list of parameters
 * and owns all its state (momentum, moments); layers never hold optimizer state.
 */
public interface Optimizer {
  /** Applies one update to every parameter from its current gradient. */
  void step();

  /** The learning rate the next {@link #step()} uses. */
  double learningRate();

  /** Changes the learning rate for the following steps, for schedules. */
  void setLearningRate(double learningRate);
}
