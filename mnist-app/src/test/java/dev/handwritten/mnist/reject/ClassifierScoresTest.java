package dev.handwritten.mnist.reject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The classifier's own out-of-distribution scores, worked by hand. */
class ClassifierScoresTest {

  @Test
  void maxSoftmax_isTheLargestScaledProbability() {
    // Row 2 of the array: logits (0, ln 3). softmax = (1/4, 3/4); at T = 2, (0, ln 3 / 2) gives
    // 1 / (1 + 1/sqrt 3) = 0.6340.
    float[] logits = {9, 9, 0, (float) Math.log(3)};
    assertEquals(0.75, ClassifierScores.maxSoftmax(logits, 2, 2, 1), 1e-6);
    assertEquals(1 / (1 + 1 / Math.sqrt(3)), ClassifierScores.maxSoftmax(logits, 2, 2, 2), 1e-6);
  }

  @Test
  void energy_isTheScaledLogSumExp() {
    // logsumexp(0, ln 3) = ln 4; at T = 2: 2 ln(1 + sqrt 3).
    float[] logits = {0, (float) Math.log(3)};
    assertEquals(Math.log(4), ClassifierScores.energy(logits, 0, 2, 1), 1e-6);
    assertEquals(2 * Math.log(1 + Math.sqrt(3)), ClassifierScores.energy(logits, 0, 2, 2), 1e-6);
  }
}
