package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class BatchNormTest {
  @Test
  void training_normalizesWithBatchStatistics_andUpdatesRunningOnes() {
    // One feature, batch [1, 3]: mean 2, biased variance 1, so y = [-1, 1] / sqrt(1 + 1e-5).
    // Running mean: 0.9 * 0 + 0.1 * 2 = 0.2; running variance uses the unbiased variance
    // (1 * 2 / 1 = 2): 0.9 * 1 + 0.1 * 2 = 1.1.
    BatchNorm1d norm = new BatchNorm1d(1);
    Tensor y = norm.forward(Tensor.of(new float[] {1, 3}, 2, 1), Mode.train(0));
    float scale = (float) (1 / Math.sqrt(1 + 1e-5));
    assertArrayEquals(new float[] {-scale, scale}, y.data(), 1e-6f);
    assertEquals(0.2f, norm.state().get(0).data()[0], 1e-7);
    assertEquals(1.1f, norm.state().get(1).data()[0], 1e-6);
  }

  @Test
  void evaluation_usesRunningStatistics_soOneImageIsIndependentOfItsBatch() {
    BatchNorm2d norm = new BatchNorm2d(3);
    for (int step = 0; step < 20; step++) {
      norm.forward(Fixtures.uniform(step, 8, 3, 4, 4), Mode.train(step));
    }
    Tensor batch = Fixtures.uniform(99, 4, 3, 4, 4);
    float[] together = norm.forward(batch, Mode.EVAL).data().clone();
    Tensor first = Tensor.of(java.util.Arrays.copyOf(batch.data(), 48), 1, 3, 4, 4);
    float[] alone = norm.forward(first, Mode.EVAL).data();
    assertArrayEquals(java.util.Arrays.copyOf(together, 48), alone);
  }

  @Test
  void backward2d_matchesNumericalGradient_inTraining() {
    BatchNorm2d norm = new BatchNorm2d(3);
    System.arraycopy(Fixtures.uniform(1, 3).data(), 0, norm.weight().value().data(), 0, 3);
    System.arraycopy(Fixtures.uniform(2, 3).data(), 0, norm.bias().value().data(), 0, 3);
    // Smooth in its input (each output depends on the whole channel through the statistics),
    // so the central difference has a truncation error of order h^2 = 1e-4.
    Fixtures.assertGradientsMatch(
        GradientCheck.check(norm, Fixtures.uniform(3, 4, 3, 3, 3), Mode.train(0), 4));
  }

  @Test
  void backward1d_matchesNumericalGradient_inTraining() {
    BatchNorm1d norm = new BatchNorm1d(5);
    System.arraycopy(Fixtures.uniform(5, 5).data(), 0, norm.weight().value().data(), 0, 5);
    Fixtures.assertGradientsMatch(
        GradientCheck.check(norm, Fixtures.uniform(6, 6, 5), Mode.train(0), 7));
  }

  @Test
  void backward_matchesNumericalGradient_inEvaluation() {
    BatchNorm2d norm = new BatchNorm2d(2);
    norm.forward(Fixtures.uniform(8, 6, 2, 3, 3), Mode.train(0));
    System.arraycopy(Fixtures.uniform(9, 2).data(), 0, norm.weight().value().data(), 0, 2);
    Fixtures.assertGradientsMatch(
        GradientCheck.check(norm, Fixtures.uniform(10, 2, 2, 3, 3), Mode.EVAL, 11));
  }

  @Test
  void forward_rejectsWrongChannelCount() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BatchNorm2d(32).forward(Tensor.zeros(2, 16, 5, 5), Mode.EVAL));
    assertEquals(
        "BatchNorm2d(32): expected input [N, 32, H, W], got [2, 16, 5, 5]", e.getMessage());
  }

  @Test
  void training_rejectsASingleValuePerChannel() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BatchNorm1d(4).forward(Tensor.zeros(1, 4), Mode.train(0)));
    assertEquals(
        "BatchNorm1d(4): expected more than one value per channel in training, got input [1, 4];"
            + " use a batch of at least 2",
        e.getMessage());
  }

  @Test
  void backward_beforeForward_isAnError() {
    assertThrows(
        IllegalStateException.class, () -> new BatchNorm1d(2).backward(Tensor.zeros(2, 2)));
  }
}
