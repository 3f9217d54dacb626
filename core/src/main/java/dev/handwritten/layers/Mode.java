package dev.handwritten.layers;

/**
 * How a forward pass runs: in training (dropout active, a step number that seeds its masks) or in
 * evaluation (deterministic, dropout is the identity).
 *
 * <p>The step number is what makes training repeatable: a layer that draws random numbers derives
 * them from its own seed and this step, never from hidden mutable state, so the same step always
 * gives the same mask, whichever thread runs it and however often it is run (the gradient check
 * runs a forward pass thousands of times and needs the same mask each time).
 *
 * @param training whether this is a training pass
 * @param step the training step (batch number since the start of training); 0 in evaluation
 */
public record Mode(boolean training, long step) {
  /** Evaluation: no dropout. */
  public static final Mode EVAL = new Mode(false, 0);

  /**
   * {@return training at the given step}
   *
   * @param step the count of batches seen so far; it seeds dropout's masks
   */
  public static Mode train(long step) {
    return new Mode(true, step);
  }
}
