package dev.handwritten.mnist.train;

/**
 * Training produced a loss or weights that are not finite numbers: the learning rate is too high
 * for this model and data. Training stops at once, before the bad step changes any weight, so the
 * last checkpoint written stays the last good one.
 */
public final class DivergedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final int epoch;

  DivergedException(String message, long step, int epoch) {
    super(message);
    this.step = step;
    this.epoch = epoch;
  }

  /** The step, counted from 1 over the whole run, whose loss was not finite. */
  public long step() {
    return step;
  }

  /** The epoch it happened in, 1-based. */
  public int epoch() {
    return epoch;
  }
}
