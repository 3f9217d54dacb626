package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Im2rowTest {
  @Test
  void im2row_unfoldsEachKernelPositionIntoARow() {
    // x = [[1 2 3]      2x2 kernel, stride 1: four positions; row (oh, ow) holds the window
    //      [4 5 6]      x[oh..oh+1, ow..ow+1] in row-major order:
    //      [7 8 9]]     (0,0): 1 2 4 5   (0,1): 2 3 5 6   (1,0): 4 5 7 8   (1,1): 5 6 8 9
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] rows = new float[16];
    Im2row.im2row(x, 0, 1, 3, 3, 2, 1, 0, rows, 0);
    assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, rows);
  }

  @Test
  void im2row_ordersAPatchByChannelThenKernelRow() {
    // Two channels, 1x2 image, kernel 1 at padding 0: position (0, 1) holds [x[0,0,1], x[1,0,1]].
    float[] rows = new float[4];
    Im2row.im2row(new float[] {1, 2, 10, 20}, 0, 2, 1, 2, 1, 1, 0, rows, 0);
    assertArrayEquals(new float[] {1, 10, 2, 20}, rows);
  }

  @Test
  void im2row_fillsPaddingWithZeros() {
    // x = [[1 2] [3 4]], kernel 1, stride 1, padding 1: the 4x4 padded image, one value per row.
    float[] rows = new float[16];
    Im2row.im2row(new float[] {1, 2, 3, 4}, 0, 1, 2, 2, 1, 1, 1, rows, 0);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, rows);
  }

  @Test
  void outputSize_isFloored() {
    assertEquals(26, Im2row.outputSize(28, 3, 1, 0));
    assertEquals(14, Im2row.outputSize(28, 3, 2, 1)); // (28 + 2 - 3) / 2 + 1 = 14.5 -> 14
    assertEquals(3, Im2row.outputSize(7, 3, 2, 0));
  }

  @Test
  void transposeSamples_swapsTheLastTwoAxesOfEachSample() {
    // Two samples of [2, 3]: [[1 2 3] [4 5 6]] -> [[1 4] [2 5] [3 6]], likewise the second.
    float[] out = new float[12];
    Im2row.transposeSamples(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3, out);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12}, out);
  }

  @ParameterizedTest(name = "C={0} H={1} W={2} K={3} stride={4} padding={5}")
  @CsvSource({"1, 5, 5, 3, 1, 0", "3, 7, 6, 3, 2, 1", "2, 9, 8, 4, 3, 2", "2, 5, 7, 1, 1, 0"})
  void row2im_isTheAdjointOfIm2row(int c, int h, int w, int k, int stride, int padding) {
    // <im2row(x), g> = <x, row2im(g)> for all x and g: the defining property of the adjoint,
    // and exactly why row2im computes the input gradient.
    int oh = Im2row.outputSize(h, k, stride, padding);
    int ow = Im2row.outputSize(w, k, stride, padding);
    float[] x = Fixtures.uniform(1, c * h * w).data();
    float[] g = Fixtures.uniform(2, c * k * k * oh * ow).data();
    float[] rows = new float[g.length];
    Im2row.im2row(x, 0, c, h, w, k, stride, padding, rows, 0);
    float[] folded = new float[x.length];
    Im2row.row2im(g, 0, c, h, w, k, stride, padding, folded, 0);
    assertEquals(dot(rows, g), dot(x, folded), 1e-4);
  }

  @ParameterizedTest(name = "N={0} C={1} H={2} W={3} OC={4} K={5} stride={6} padding={7}")
  @CsvSource({"2, 1, 6, 6, 3, 3, 1, 0", "2, 3, 7, 5, 4, 3, 2, 1", "1, 2, 9, 9, 5, 4, 3, 2"})
  void im2rowTimesWeights_matchesNaiveConvolution(
      int n, int c, int h, int w, int oc, int k, int stride, int padding) {
    int oh = Im2row.outputSize(h, k, stride, padding);
    int ow = Im2row.outputSize(w, k, stride, padding);
    int positions = oh * ow;
    float[] x = Fixtures.uniform(3, n * c * h * w).data();
    float[] weight = Fixtures.uniform(4, oc * c * k * k).data();
    float[] bias = new float[oc];
    float[] expected = new float[n * oc * positions];
    NaiveConvolution.forward(x, n, c, h, w, weight, bias, oc, k, stride, padding, expected);

    float[] rows = new float[n * positions * c * k * k];
    for (int s = 0; s < n; s++) {
      Im2row.im2row(x, s * c * h * w, c, h, w, k, stride, padding, rows, s * positions * c * k * k);
    }
    float[] transposed = new float[n * positions * oc];
    Gemm.gemm(false, true, n * positions, oc, c * k * k, rows, 0, weight, 0, transposed, 0, false);
    float[] actual = new float[expected.length];
    Im2row.transposeSamples(transposed, n, positions, oc, actual);
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
