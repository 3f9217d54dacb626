package dev.handwritten.mnist.reject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The threshold that rejects a given share of real digits. */
class ThresholdsTest {

  @Test
  void atRejectionRate_rejectsAtMostTheRate() {
    float[] scores = {0.9f, 0.1f, 0.6f, 0.5f};
    // A quarter of four is one score: the line goes at the second smallest, 0.5, so only 0.1 is
    // below it.
    float threshold = Thresholds.atRejectionRate(scores, 0.25);
    assertEquals(0.5f, threshold);
    assertEquals(0.25, Thresholds.rejected(scores, threshold));
    // Less than one score's worth rejects none: the line is at the smallest score.
    assertEquals(0.1f, Thresholds.atRejectionRate(scores, 0.2));
    assertEquals(0, Thresholds.rejected(scores, 0.1f));
  }

  @Test
  void atRejectionRate_withTies_neverRejectsMoreThanTheRate() {
    float[] scores = {0.3f, 0.3f, 0.3f, 0.8f};
    float threshold = Thresholds.atRejectionRate(scores, 0.5);
    assertEquals(0.3f, threshold);
    assertEquals(0, Thresholds.rejected(scores, threshold));
  }

  @Test
  void badInputs_areNamed() {
    assertEquals(
        "Thresholds: expected scores and a rate in [0, 1), got 0 scores and rate 0.01",
        assertThrows(
                IllegalArgumentException.class,
                () -> Thresholds.atRejectionRate(new float[0], 0.01))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Thresholds.atRejectionRate(new float[] {1}, 1));
    assertEquals(
        "Thresholds: a score is NaN",
        assertThrows(
                IllegalArgumentException.class,
                () -> Thresholds.atRejectionRate(new float[] {1, Float.NaN}, 0.1))
            .getMessage());
  }
}
