package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Im2colTest {
  @Test
  void im2col_unfoldsEachKernelPositionIntoAColumn() {
    // x = [[1 2 3]      2x2 kernel, stride 1: four positions; row (kh, kw) holds x[oh+kh, ow+kw].
    //      [4 5 6]      row (0,0): 1 2 4 5   row (0,1): 2 3 5 6
    //      [7 8 9]]     row (1,0): 4 5 7 8   row (1,1): 5 6 8 9
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] cols = new float[16];
    Im2col.im2col(x, 0, 1, 3, 3, 2, 1, 0, cols, 0);
    assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, cols);
  }

  @Test
  void im2col_fillsPaddingWithZeros() {
    // x = [[1 2] [3 4]], kernel 1, stride 1, padding 1: the 4x4 padded image, one row.
    float[] cols = new float[16];
    Im2col.im2col(new float[] {1, 2, 3, 4}, 0, 1, 2, 2, 1, 1, 1, cols, 0);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, cols);
  }

  @Test
  void outputSize_isFloored() {
    assertEquals(26, Im2col.outputSize(28, 3, 1, 0));
    assertEquals(14, Im2col.outputSize(28, 3, 2, 1)); // (28 + 2 - 3) / 2 + 1 = 14.5 -> 14
    assertEquals(3, Im2col.outputSize(7, 3, 2, 0));
  }

  @ParameterizedTest(name = "C={0} H={1} W={2} K={3} stride={4} padding={5}")
  @CsvSource({"1, 5, 5, 3, 1, 0", "3, 7, 6, 3, 2, 1", "2, 9, 8, 4, 3, 2", "2, 5, 7, 1, 1, 0"})
  void col2im_isTheAdjointOfIm2col(int c, int h, int w, int k, int stride, int padding) {
    // <im2col(x), g> = <x, col2im(g)> for all x and g: the defining property of the adjoint,
    // and exactly why col2im computes the input gradient.
    int oh = Im2col.outputSize(h, k, stride, padding);
    int ow = Im2col.outputSize(w, k, stride, padding);
    float[] x = Fixtures.uniform(1, c * h * w).data();
    float[] g = Fixtures.uniform(2, c * k * k * oh * ow).data();
    float[] cols = new float[g.length];
    Im2col.im2col(x, 0, c, h, w, k, stride, padding, cols, 0);
    float[] folded = new float[x.length];
    Im2col.col2im(g, 0, c, h, w, k, stride, padding, folded, 0);
    assertEquals(dot(cols, g), dot(x, folded), 1e-4);
  }

  @ParameterizedTest(name = "N={0} C={1} H={2} W={3} OC={4} K={5} stride={6} padding={7}")
  @CsvSource({"2, 1, 6, 6, 3, 3, 1, 0", "2, 3, 7, 5, 4, 3, 2, 1", "1, 2, 9, 9, 5, 4, 3, 2"})
  void im2colTimesWeights_matchesNaiveConvolution(
      int n, int c, int h, int w, int oc, int k, int stride, int padding) {
    int oh = Im2col.outputSize(h, k, stride, padding);
    int ow = Im2col.outputSize(w, k, stride, padding);
    float[] x = Fixtures.uniform(3, n * c * h * w).data();
    float[] weight = Fixtures.uniform(4, oc * c * k * k).data();
    float[] bias = Fixtures.uniform(5, oc).data();
    float[] expected = new float[n * oc * oh * ow];
    NaiveConvolution.forward(x, n, c, h, w, weight, bias, oc, k, stride, padding, expected);

    float[] actual = new float[expected.length];
    float[] cols = new float[c * k * k * oh * ow];
    for (int s = 0; s < n; s++) {
      Im2col.im2col(x, s * c * h * w, c, h, w, k, stride, padding, cols, 0);
      Gemm.gemm(
          false,
          false,
          oc,
          oh * ow,
          c * k * k,
          weight,
          0,
          cols,
          0,
          actual,
          s * oc * oh * ow,
          false);
      for (int o = 0; o < oc; o++) {
        for (int i = 0; i < oh * ow; i++) {
          actual[s * oc * oh * ow + o * oh * ow + i] += bias[o];
        }
      }
    }
    assertEquals(0, Fixtures.maxAbsDifference(expected, actual), 1e-5);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
