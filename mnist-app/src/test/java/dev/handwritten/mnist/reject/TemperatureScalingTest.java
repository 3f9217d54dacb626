package dev.handwritten.mnist.reject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Temperature scaling: the one number that makes softmax probabilities honest. */
class TemperatureScalingTest {

  @Test
  void fit_findsTheTemperatureThatMatchesTheLabelFrequencies() {
    // Four images with the same logits (0, 2); three are class 1. The best probability of class 1
    // is then 3/4: sigmoid(2 / T) = 3/4, so 2 / T = ln 3 and T = 2 / ln 3 = 1.8205.
    float[] logits = {0, 2, 0, 2, 0, 2, 0, 2};
    int[] labels = {1, 1, 1, 0};
    assertEquals(2 / Math.log(3), TemperatureScaling.fit(logits, labels, 2), 1e-9);
  }

  @Test
  void fit_recoversTheTemperatureThatGeneratedTheLabels() {
    // Labels drawn from softmax(z / 2.5): the fit must find 2.5 again, within sampling noise.
    SplittableRandom random = new SplittableRandom(13);
    int n = 20_000;
    int classes = 10;
    double truth = 2.5;
    float[] logits = new float[n * classes];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      double[] p = new double[classes];
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        logits[i * classes + k] = (float) (4 * random.nextGaussian());
        p[k] = Math.exp(logits[i * classes + k] / truth);
        sum += p[k];
      }
      double u = random.nextDouble() * sum;
      int label = 0;
      while (label < classes - 1 && (u -= p[label]) > 0) {
        label++;
      }
      labels[i] = label;
    }
    double fitted = TemperatureScaling.fit(logits, labels, classes);
    assertEquals(truth, fitted, 0.05 * truth);
    // And it is the minimum: a step either way costs cross-entropy.
    double best = TemperatureScaling.loss(logits, labels, classes, fitted);
    assertTrue(best < TemperatureScaling.loss(logits, labels, classes, fitted * 1.05));
    assertTrue(best < TemperatureScaling.loss(logits, labels, classes, fitted / 1.05));
  }

  @Test
  void fit_ofPerfectAnswers_stopsAtTheSmallestTemperature() {
    // Every answer right: sharper is always better, down to the end of the allowed range.
    float[] logits = {0, 1, 1, 0};
    int[] labels = {1, 0};
    assertEquals(TemperatureScaling.MIN, TemperatureScaling.fit(logits, labels, 2), 1e-6);
  }

  @Test
  void loss_atTemperatureOne_isTheCrossEntropy() {
    // softmax(0, ln 3) = (1/4, 3/4); labels 1 and 0 cost -ln(3/4) and -ln(1/4).
    float[] logits = {0, (float) Math.log(3), 0, (float) Math.log(3)};
    double expected = (-Math.log(0.75) - Math.log(0.25)) / 2;
    assertEquals(expected, TemperatureScaling.loss(logits, new int[] {1, 0}, 2, 1), 1e-6);
  }

  @Test
  void badInputs_areNamed() {
    IllegalArgumentException sizes =
        assertThrows(
            IllegalArgumentException.class,
            () -> TemperatureScaling.fit(new float[5], new int[] {0, 1}, 2));
    assertEquals(
        "TemperatureScaling: expected 2 rows of 2 logits (at least one row, two classes), got 5"
            + " values",
        sizes.getMessage());
    IllegalArgumentException label =
        assertThrows(
            IllegalArgumentException.class,
            () -> TemperatureScaling.fit(new float[4], new int[] {0, 2}, 2));
    assertEquals("TemperatureScaling: label 2 at index 1 is outside [0, 2)", label.getMessage());
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> TemperatureScaling.fit(new float[] {0, Float.NaN}, new int[] {0}, 2));
    assertEquals("TemperatureScaling: logit 1 is NaN", nan.getMessage());
  }
}
