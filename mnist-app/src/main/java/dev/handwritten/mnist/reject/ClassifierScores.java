package dev.handwritten.mnist.reject;

/**
 * Two out-of-distribution scores of the digit classifier alone, from its logits {@code z}; both are
 * higher for images that look more like the training digits.
 *
 * <pre>
 *   maximum softmax  max_k softmax(z / T)_k              (Hendrycks and Gimpel, 2017)
 *   energy           T logsumexp(z / T) = -E(z)          (Liu et al., 2020)
 * </pre>
 */
public final class ClassifierScores {
  private ClassifierScores() {}

  /**
   * The largest probability after dividing the logits by {@code temperature}.
   *
   * @param logits rows of {@code classes} values; the row starts at {@code offset}
   */
  public static double maxSoftmax(float[] logits, int offset, int classes, double temperature) {
    double max = scaledMax(logits, offset, classes, temperature);
    return 1 / sumExp(logits, offset, classes, temperature, max); // exp(max - max) / sum
  }

  /**
   * The negative energy, {@code T logsumexp(z / T)}: large when some class's logit is large.
   *
   * @param logits rows of {@code classes} values; the row starts at {@code offset}
   */
  public static double energy(float[] logits, int offset, int classes, double temperature) {
    double max = scaledMax(logits, offset, classes, temperature);
    return temperature * (max + Math.log(sumExp(logits, offset, classes, temperature, max)));
  }

  /** {@code max_k z_k / T}. */
  private static double scaledMax(float[] logits, int offset, int classes, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      max = Math.max(max, logits[offset + k] / temperature);
    }
    return max;
  }

  /** {@code sum_k exp(z_k / T - max)}, shifted by the largest so that no term overflows. */
  private static double sumExp(
      float[] logits, int offset, int classes, double temperature, double max) {
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      sum += Math.exp(logits[offset + k] / temperature - max);
    }
    return sum;
  }
}
