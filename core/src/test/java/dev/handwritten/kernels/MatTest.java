package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Mat} views and the products {@link Gemm#multiply} computes on them. */
class MatTest {
  private static final float[] A = {1, 2, 3, 4}; // [[1 2] [3 4]]
  private static final float[] B = {5, 6, 7, 8}; // [[5 6] [7 8]]

  @Test
  void multiply_isTheMatrixProduct() {
    float[] c = new float[4];
    Gemm.multiply(Mat.of(A, 2, 2), Mat.of(B, 2, 2), Mat.of(c, 2, 2));
    assertArrayEquals(new float[] {19, 22, 43, 50}, c);
  }

  @Test
  void t_readsTheSameValuesTheOtherWay() {
    // A^T * B = [[1 3] [2 4]] * [[5 6] [7 8]] = [[26 30] [38 44]]
    float[] c = new float[4];
    Gemm.multiply(Mat.of(A, 2, 2).t(), Mat.of(B, 2, 2), Mat.of(c, 2, 2));
    assertArrayEquals(new float[] {26, 30, 38, 44}, c);
    Mat twice = Mat.of(A, 2, 2).t().t();
    assertEquals(Mat.of(A, 2, 2), twice);
  }

  @Test
  void t_ofARectangle_swapsItsSides() {
    // x [1, 3] times x^T [3, 1] is the squared length; x^T times x the outer product.
    float[] x = {1, 2, 3};
    float[] dot = new float[1];
    Gemm.multiply(Mat.of(x, 1, 3), Mat.of(x, 1, 3).t(), Mat.of(dot, 1, 1));
    assertEquals(14f, dot[0]);
    float[] outer = new float[9];
    Gemm.multiply(Mat.of(x, 1, 3).t(), Mat.of(x, 1, 3), Mat.of(outer, 3, 3));
    assertArrayEquals(new float[] {1, 2, 3, 2, 4, 6, 3, 6, 9}, outer);
  }

  @Test
  void multiplyAdd_addsTheProductToWhatIsThere() {
    float[] c = {1, 1, 1, 1};
    Gemm.multiplyAdd(Mat.of(A, 2, 2), Mat.of(B, 2, 2), Mat.of(c, 2, 2));
    assertArrayEquals(new float[] {20, 23, 44, 51}, c);
  }

  @Test
  void sample_stepsOneMatrixAlongAStack() {
    // Two 1x2 rows stacked: [1 2] then [3 4]; the second times B = [3*5+4*7 3*6+4*8].
    float[] c = new float[4];
    Mat rows = Mat.of(A, 1, 2);
    Mat out = Mat.of(c, 1, 2);
    Gemm.multiply(rows.sample(1), Mat.of(B, 2, 2), out.sample(1));
    assertArrayEquals(new float[] {0, 0, 43, 50}, c);
  }

  @Test
  void multiply_whoseShapesDoNotChain_namesThem() {
    float[] c = new float[4];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gemm.multiply(Mat.of(A, 1, 4), Mat.of(B, 2, 2), Mat.of(c, 1, 2)));
    assertTrue(e.getMessage().contains("Mat[1x4 at 0] * Mat[2x2 at 0]"), e.getMessage());
  }

  @Test
  void multiply_intoATransposedView_isRefused() {
    float[] c = new float[4];
    assertThrows(
        IllegalArgumentException.class,
        () -> Gemm.multiply(Mat.of(A, 2, 2), Mat.of(B, 2, 2), Mat.of(c, 2, 2).t()));
  }

  @Test
  void aViewThatRunsPastItsArray_isRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Mat.of(A, 1, 2, 2));
    assertTrue(e.getMessage().contains("runs past the end of an array of 4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Mat.of(A, 1, 2).sample(2));
    assertThrows(IllegalArgumentException.class, () -> Mat.of(A, -1, 2));
  }
}
