package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class DenseTest {
  @Test
  void forwardAndBackward_workedExample() {
    // weight [[1 2 3] [4 5 6]] (out=2, in=3), bias [0.5 -1], x = [[1 0 -1]]:
    // y = [1 - 3 + 0.5, 4 - 6 - 1] = [-1.5, -3]
    Dense dense = new Dense(3, 2, 0);
    System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, dense.weight().value().data(), 0, 6);
    System.arraycopy(new float[] {0.5f, -1}, 0, dense.bias().value().data(), 0, 2);
    Tensor y = dense.forward(Tensor.of(new float[] {1, 0, -1}, 1, 3), Mode.EVAL);
    assertArrayEquals(new float[] {-1.5f, -3}, y.data());

    // dy = [[1 2]]: dWeight = dy^T x = [[1 0 -1] [2 0 -2]], dBias = [1 2],
    // dx = dy W = [1*1 + 2*4, 1*2 + 2*5, 1*3 + 2*6] = [9 12 15]
    Tensor dx = dense.backward(Tensor.of(new float[] {1, 2}, 1, 2));
    assertArrayEquals(new float[] {1, 0, -1, 2, 0, -2}, dense.weight().grad().data());
    assertArrayEquals(new float[] {1, 2}, dense.bias().grad().data());
    assertArrayEquals(new float[] {9, 12, 15}, dx.data());
  }

  @Test
  void backward_matchesNumericalGradient() {
    Dense dense = new Dense(7, 5, 3);
    System.arraycopy(Fixtures.uniform(4, 5).data(), 0, dense.bias().value().data(), 0, 5);
    Fixtures.assertGradientsMatch(
        GradientCheck.check(dense, Fixtures.uniform(5, 4, 7), Mode.EVAL, 6));
  }

  @Test
  void backward_addsIntoParameterGradients() {
    Dense dense = new Dense(4, 3, 1);
    Tensor dy = Fixtures.uniform(2, 2, 3);
    dense.forward(Fixtures.uniform(3, 2, 4), Mode.EVAL);
    dense.backward(dy);
    float first = dense.weight().grad().data()[5];
    dense.backward(dy);
    assertEquals(2 * first, dense.weight().grad().data()[5], 1e-6);
  }

  @Test
  void outputShape_keepsTheBatch() {
    assertEquals(Shape.of(9, 10), new Dense(1600, 10, 0).outputShape(Shape.of(9, 1600)));
  }

  @Test
  void forward_rejectsImagesWithAHintToFlatten() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Dense(1600, 10, 0).forward(Tensor.zeros(2, 64, 5, 5), Mode.EVAL));
    assertEquals(
        "Dense(1600->10): expected input [N, 1600], got [2, 64, 5, 5]; add a Flatten before it",
        e.getMessage());
  }

  @Test
  void forward_rejectsWrongFeatureCount() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Dense(1600, 10, 0).forward(Tensor.zeros(2, 1000), Mode.EVAL));
    assertEquals("Dense(1600->10): expected input [N, 1600], got [2, 1000]", e.getMessage());
  }

  @Test
  void backward_beforeForward_isAnError() {
    var e =
        assertThrows(
            IllegalStateException.class, () -> new Dense(3, 2, 0).backward(Tensor.zeros(1, 2)));
    assertEquals(
        "Dense(3->2): backward called before forward; run forward on the batch first",
        e.getMessage());
  }
}
