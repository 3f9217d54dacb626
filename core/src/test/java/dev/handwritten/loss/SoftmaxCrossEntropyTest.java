package dev.handwritten.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
  @Test
  void compute_workedExample() {
    // Row 0: logits [0, ln 3] -> p = [1/4, 3/4]; label 1 -> loss ln(4/3).
    // Row 1: logits [0, 0]    -> p = [1/2, 1/2]; label 0 -> loss ln 2.
    // Mean loss = (ln(4/3) + ln 2) / 2 = ln(8/3) / 2 = 0.4904146.
    // dLogits = (p - onehot) / N = [[1/4, -1/4], [-1/2, 1/2]] / 2.
    Tensor logits = Tensor.of(new float[] {0, (float) Math.log(3), 0, 0}, 2, 2);
    SoftmaxCrossEntropy.Result r = new SoftmaxCrossEntropy().compute(logits, new int[] {1, 0});
    assertEquals(0.4904146, r.loss(), 1e-6);
    assertArrayEquals(
        new float[] {0.125f, -0.125f, -0.25f, 0.25f}, r.logitsGradient().data(), 1e-7f);
    assertEquals(2, r.correct()); // row 1 ties; ties go to the lower class, which is the label
  }

  @Test
  void gradient_matchesNumericalGradient() {
    Tensor logits = Fixtures.uniform(1, 5, 7);
    int[] labels = {0, 6, 3, 3, 2};
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    float[] analytic = loss.compute(logits, labels).logitsGradient().data().clone();
    double[] numerical =
        GradientCheck.numerical(
            values -> new SoftmaxCrossEntropy().compute(logits, labels).loss(),
            logits.data(),
            1e-2);
    double worst = 0;
    for (int i = 0; i < analytic.length; i++) {
      worst = Math.max(worst, GradientCheck.relativeError(analytic[i], numerical[i]));
    }
    System.out.printf("GradientCheck of SoftmaxCrossEntropy:%n  logits: worst error %.2e%n", worst);
    // Smooth, so the central difference carries a truncation error of order h^2 = 1e-4.
    assertEquals(0, worst, GradientCheck.TOLERANCE);
  }

  @Test
  void compute_isStableForHugeLogits() {
    // A naive exp(1000) overflows to infinity; log-sum-exp subtracts the maximum first.
    Tensor logits = Tensor.of(new float[] {1000, 0, -1000}, 1, 3);
    SoftmaxCrossEntropy.Result r = new SoftmaxCrossEntropy().compute(logits, new int[] {1});
    assertEquals(1000, r.loss(), 1e-9);
    assertArrayEquals(new float[] {1, -1, 0}, r.logitsGradient().data(), 1e-7f);
  }

  @Test
  void softmax_rowsSumToOne() {
    Tensor p = Tensor.zeros(3, 4);
    SoftmaxCrossEntropy.softmax(Fixtures.uniform(2, 3, 4), p);
    for (int n = 0; n < 3; n++) {
      assertEquals(1, p.get(n, 0) + p.get(n, 1) + p.get(n, 2) + p.get(n, 3), 1e-6);
    }
  }

  @Test
  void compute_rejectsBatchMismatch() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SoftmaxCrossEntropy().compute(Tensor.zeros(4, 10), new int[3]));
    assertEquals(
        "SoftmaxCrossEntropy: expected 4 labels to match logits [4, 10], got 3", e.getMessage());
  }

  @Test
  void compute_rejectsLabelOutOfRange() {
    int[] labels = new int[20];
    labels[17] = 10;
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SoftmaxCrossEntropy().compute(Tensor.zeros(20, 10), labels));
    assertEquals(
        "SoftmaxCrossEntropy: label 10 at batch index 17 is outside [0, 10)", e.getMessage());
  }

  @Test
  void compute_rejectsWrongRank() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SoftmaxCrossEntropy().compute(Tensor.zeros(2, 10, 1), new int[2]));
    assertEquals(
        "SoftmaxCrossEntropy: expected logits [N, classes], got [2, 10, 1];"
            + " add a Flatten and a Dense layer at the end of the model",
        e.getMessage());
  }

  @Test
  void compute_rejectsNaNLogits() {
    Tensor logits = Tensor.zeros(2, 3);
    logits.set(Float.NaN, 1, 2);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SoftmaxCrossEntropy().compute(logits, new int[2]));
    assertEquals(
        "SoftmaxCrossEntropy: logits: expected finite values, got NaN at index [1, 2] of [2, 3];"
            + " check the input data, or lower the learning rate if training diverged",
        e.getMessage());
  }
}
