package dev.handwritten.tensor;

/**
 * A tensor held a NaN or an infinity where finite values were required ({@link
 * Tensor#requireFinite}). During training this is how divergence shows: weights grown so large that
 * the activations overflow; a training loop catches this type to say so.
 */
public final class NonFiniteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with the message given.
   *
   * @param message what was not finite, where
   */
  public NonFiniteException(String message) {
    super(message);
  }
}
