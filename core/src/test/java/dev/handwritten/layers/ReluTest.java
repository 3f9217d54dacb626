package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ReluTest {
  @Test
  void forwardAndBackward_workedExample() {
    // y = max(0, x); the gradient passes where x > 0 (at exactly 0 it is taken as 0).
    Relu relu = new Relu();
    Tensor y = relu.forward(Tensor.of(new float[] {-2, 0, 3}, 1, 3), Mode.EVAL);
    assertArrayEquals(new float[] {0, 0, 3}, y.data());
    assertArrayEquals(
        new float[] {0, 0, 7}, relu.backward(Tensor.of(new float[] {5, 6, 7}, 1, 3)).data());
  }

  @Test
  void backward_matchesNumericalGradient() {
    // Inputs at least 0.1 from zero: the step (0.01) never crosses the kink.
    Fixtures.assertGradientsMatch(
        GradientCheck.check(new Relu(), Fixtures.awayFromZero(1, 0.1, 2, 3, 4, 4), Mode.EVAL, 2));
  }

  @Test
  void outputShape_isTheInputShape() {
    assertEquals(
        Tensor.zeros(2, 3, 4).shape(), new Relu().outputShape(Tensor.zeros(2, 3, 4).shape()));
  }

  @Test
  void backward_beforeForward_isAnError() {
    var e =
        assertThrows(IllegalStateException.class, () -> new Relu().backward(Tensor.zeros(1, 2)));
    assertEquals(
        "Relu: backward called before forward; run forward on the batch first", e.getMessage());
  }
}
