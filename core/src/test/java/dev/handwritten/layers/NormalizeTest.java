package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class NormalizeTest {
  @Test
  void forwardAndBackward_workedExample() {
    // mean 0.5, std 0.25: x = [0, 0.5, 1] -> y = [-2, 0, 2]; dx = dy / 0.25 = 4 dy.
    Normalize normalize = new Normalize(0.5, 0.25);
    assertArrayEquals(
        new float[] {-2, 0, 2},
        normalize.forward(Tensor.of(new float[] {0, 0.5f, 1}, 1, 3), Mode.EVAL).data());
    assertArrayEquals(
        new float[] {4, -8, 0.4f},
        normalize.backward(Tensor.of(new float[] {1, -2, 0.1f}, 1, 3)).data(),
        1e-6f);
  }

  @Test
  void backward_matchesNumericalGradient() {
    Fixtures.assertGradientsMatch(
        GradientCheck.check(
            new Normalize(0.1307, 0.3081), Fixtures.uniform(1, 2, 1, 5, 5), Mode.EVAL, 2));
  }

  @Test
  void constructor_rejectsNonPositiveStd() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Normalize(0, 0));
    assertEquals(
        "Normalize: expected a finite mean and a positive std, got 0.0 and 0.0", e.getMessage());
  }

  @Test
  void backward_beforeForward_isAnError() {
    assertThrows(
        IllegalStateException.class, () -> new Normalize(0, 1).backward(Tensor.zeros(1, 2)));
  }
}
