package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class FlattenTest {
  @Test
  void forward_keepsBatchAndJoinsTheRestInRowMajorOrder_withoutCopying() {
    Tensor x = Fixtures.uniform(1, 2, 64, 5, 5);
    Tensor y = new Flatten().forward(x, Mode.EVAL);
    assertEquals(Shape.of(2, 1600), y.shape());
    assertSame(x.data(), y.data());
    assertEquals(x.get(1, 3, 2, 4), y.get(1, 3 * 25 + 2 * 5 + 4));
  }

  @Test
  void backward_restoresTheInputShape() {
    Flatten flatten = new Flatten();
    flatten.forward(Tensor.zeros(2, 3, 4, 4), Mode.EVAL);
    assertEquals(Shape.of(2, 3, 4, 4), flatten.backward(Tensor.zeros(2, 48)).shape());
  }

  @Test
  void backward_matchesNumericalGradient() {
    Fixtures.assertGradientsMatch(
        GradientCheck.check(new Flatten(), Fixtures.uniform(2, 2, 3, 2, 2), Mode.EVAL, 3));
  }

  @Test
  void forward_rejectsRankOne() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Flatten().forward(Tensor.zeros(5), Mode.EVAL));
    assertEquals("Flatten: expected input [N, ...] of rank >= 2, got [5]", e.getMessage());
  }

  @Test
  void backward_beforeForward_isAnError() {
    assertThrows(IllegalStateException.class, () -> new Flatten().backward(Tensor.zeros(1, 2)));
  }
}
