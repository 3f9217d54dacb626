package dev.handwritten.mnist.reject;

/**
 * Temperature scaling (Guo et al., 2017): the one number {@code T} that makes a classifier's
 * softmax probabilities honest, fitted by minimizing the cross-entropy of {@code softmax(z / T)} on
 * held-out labelled images. Dividing the logits by {@code T} never changes which class wins, only
 * how sure the answer claims to be.
 *
 * <pre>
 *   NLL(b) = mean over n of ( logsumexp(b z[n, :]) - b z[n, y[n]] ),   b = 1 / T
 *   NLL'   = mean over n of ( E_p[z] - z[n, y[n]] ),                   p = softmax(b z[n, :])
 *   NLL''  = mean over n of Var_p[z]  >= 0
 * </pre>
 *
 * The loss is convex in {@code b}, so Newton's method, kept inside a shrinking bracket, finds its
 * minimum to machine precision in a few dozen steps.
 */
public final class TemperatureScaling {
  /** The smallest and largest temperature the fit may return. */
  static final double MIN = 0.01;

  static final double MAX = 100;

  private TemperatureScaling() {}

  /**
   * The temperature that minimizes the cross-entropy of {@code softmax(logits / T)}.
   *
   * @param logits {@code [N, classes]} row by row; log-probabilities do as well, since softmax
   *     ignores a constant added to a row
   * @param labels {@code N} classes in [0, classes)
   * @return {@code T} in [{@value #MIN}, {@value #MAX}]; an end of that range when the data pull
   *     further (every image correct and far apart, or the logits carry no information)
   * @throws IllegalArgumentException if the sizes disagree, a label is out of range or a logit is
   *     NaN
   */
  public static double fit(float[] logits, int[] labels, int classes) {
    check(logits, labels, classes);
    double lo = 1 / MAX;
    double hi = 1 / MIN;
    double b = 1;
    for (int step = 0; step < 100 && hi - lo > 1e-12 * hi; step++) {
      double[] d = derivatives(logits, labels, classes, b);
      if (d[0] > 0) {
        hi = b; // the loss rises here: the minimum is at a smaller b
      } else {
        lo = b;
      }
      double newton = d[1] > 0 ? b - d[0] / d[1] : Double.NaN;
      b = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    }
    return 1 / b;
  }

  /** The mean cross-entropy of {@code softmax(logits / temperature)}, in nats. */
  public static double loss(float[] logits, int[] labels, int classes, double temperature) {
    check(logits, labels, classes);
    double b = 1 / temperature;
    double total = 0;
    for (int n = 0; n < labels.length; n++) {
      int row = n * classes;
      total += logSumExp(logits, row, classes, b) - b * logits[row + labels[n]];
    }
    return total / labels.length;
  }

  /** {@code {NLL'(b), NLL''(b)}}. */
  private static double[] derivatives(float[] z, int[] labels, int classes, double b) {
    double first = 0;
    double second = 0;
    for (int n = 0; n < labels.length; n++) {
      int row = n * classes;
      double lse = logSumExp(z, row, classes, b);
      double mean = 0;
      double square = 0;
      for (int k = 0; k < classes; k++) {
        double p = Math.exp(b * z[row + k] - lse);
        mean += p * z[row + k];
        square += p * z[row + k] * z[row + k];
      }
      first += mean - z[row + labels[n]];
      second += Math.max(0, square - mean * mean);
    }
    return new double[] {first / labels.length, second / labels.length};
  }

  private static double logSumExp(float[] z, int row, int classes, double b) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      max = Math.max(max, b * z[row + k]);
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      sum += Math.exp(b * z[row + k] - max);
    }
    return max + Math.log(sum);
  }

  private static void check(float[] logits, int[] labels, int classes) {
    if (classes < 2 || labels.length == 0 || logits.length != labels.length * classes) {
      throw new IllegalArgumentException(
          "TemperatureScaling: expected "
              + labels.length
              + " rows of "
              + classes
              + " logits (at least one row, two classes), got "
              + logits.length
              + " values");
    }
    for (int n = 0; n < labels.length; n++) {
      if (labels[n] < 0 || labels[n] >= classes) {
        throw new IllegalArgumentException(
            "TemperatureScaling: label "
                + labels[n]
                + " at index "
                + n
                + " is outside [0, "
                + classes
                + ")");
      }
    }
    for (int i = 0; i < logits.length; i++) {
      if (Float.isNaN(logits[i])) {
        throw new IllegalArgumentException("TemperatureScaling: logit " + i + " is NaN");
      }
    }
  }
}
