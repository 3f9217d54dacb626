package dev.handwritten.mnist.reject;

import java.util.Arrays;

/** Choosing where to draw the line: the threshold that rejects a given share of real digits. */
public final class Thresholds {
  private Thresholds() {}

  /**
   * The largest threshold that rejects at most {@code rate} of {@code scores} (a score rejects when
   * it is below the threshold): the {@code floor(rate * n)}-th smallest score, counting from 0. For
   * example, of the scores {0.1, 0.5, 0.6, 0.9} with rate 0.25 it is 0.5, which rejects the one
   * score below it.
   *
   * @param scores one per digit, higher meaning more digit-like; not NaN
   * @param rate in [0, 1)
   * @throws IllegalArgumentException if there are no scores, one is NaN, or rate is outside [0, 1)
   */
  public static float atRejectionRate(float[] scores, double rate) {
    if (scores.length == 0 || !(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "Thresholds: expected scores and a rate in [0, 1), got "
              + scores.length
              + " scores and rate "
              + rate);
    }
    float[] sorted = scores.clone();
    Arrays.sort(sorted);
    if (Float.isNaN(sorted[sorted.length - 1])) {
      throw new IllegalArgumentException("Thresholds: a score is NaN");
    }
    return sorted[(int) Math.floor(rate * sorted.length)];
  }

  /** The share of {@code scores} below {@code threshold}: what it rejects. */
  public static double rejected(float[] scores, float threshold) {
    int below = 0;
    for (float s : scores) {
      below += s < threshold ? 1 : 0;
    }
    return scores.length == 0 ? 0 : below / (double) scores.length;
  }
}
