package dev.handwritten.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {
  @Test
  void tensor_isRowMajor() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(6, x.get(1, 2));
    assertEquals(4, x.offset(1, 1));
    assertArrayEquals(new int[] {1, 1}, x.indexOf(4));
  }

  @Test
  void reshape_sharesTheData() {
    Tensor x = Tensor.zeros(2, 3);
    Tensor flat = x.reshape(6);
    flat.data()[5] = 9;
    assertEquals(9, x.get(1, 2));
    assertSame(x.data(), flat.data());
  }

  @Test
  void shape_describesItself() {
    Shape s = Shape.of(64, 1, 28, 28);
    assertEquals(50_176, s.size());
    assertEquals(28, s.dim(-1));
    assertEquals(Shape.of(1, 28, 28), s.sample());
    assertEquals(s, Shape.of(1, 28, 28).batched(64));
    assertEquals("[64, 1, 28, 28]", s.toString());
  }

  @Test
  void badShapesAndSizes_areRejected() {
    assertEquals(
        "Shape: expected every dimension >= 1, got [2, 0]",
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 0)).getMessage());
    assertEquals(
        "Tensor: expected 6 values for shape [2, 3], got 5",
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3))
            .getMessage());
    assertEquals(
        "Tensor.reshape: expected a shape of 6 elements, got [4]",
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4))
            .getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 3).get(2, 0));
  }
}
