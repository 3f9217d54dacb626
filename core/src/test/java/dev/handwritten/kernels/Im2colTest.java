package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Im2colTest {
  @Test
  void im2col_putsEachKernelTapInARowAndEachPositionInAColumn() {
    // x = [[1 2 3]      2x2 kernel, stride 1, four positions. Row (kh, kw) holds what that tap
    //      [4 5 6]      sees at each position: tap (0,0) sees 1 2 4 5, tap (0,1) sees 2 3 5 6,
    //      [7 8 9]]     tap (1,0) sees 4 5 7 8, tap (1,1) sees 5 6 8 9: im2row transposed.
    float[] cols = new float[16];
    Im2col.im2col(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 1, 3, 3, 2, 1, 0, cols, 0);
    assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, cols);
  }

  @Test
  void im2col_fillsPaddingWithZeros() {
    // x = [[1 2] [3 4]], a 3x3 kernel and padding 1: four positions; the centre tap sees the
    // image itself, the top-left tap sees only x[0,0], at the bottom-right position.
    float[] cols = new float[36];
    Im2col.im2col(new float[] {1, 2, 3, 4}, 0, 1, 2, 2, 3, 1, 1, cols, 0);
    assertArrayEquals(new float[] {0, 0, 0, 1}, java.util.Arrays.copyOfRange(cols, 0, 4));
    assertArrayEquals(new float[] {1, 2, 3, 4}, java.util.Arrays.copyOfRange(cols, 16, 20));
  }

  @ParameterizedTest(name = "C={0} H={1} W={2} K={3} stride={4} padding={5}")
  @CsvSource({
    "1, 5, 5, 3, 1, 0",
    "3, 7, 6, 3, 2, 1",
    "2, 9, 8, 4, 3, 2",
    "2, 5, 7, 1, 1, 0",
    "1, 4, 4, 3, 1, 4"
  })
  void col2im_isTheAdjointOfIm2col(int c, int h, int w, int k, int stride, int padding) {
    int oh = Im2row.outputSize(h, k, stride, padding);
    int ow = Im2row.outputSize(w, k, stride, padding);
    float[] x = Fixtures.uniform(1, c * h * w).data();
    float[] g = Fixtures.uniform(2, c * k * k * oh * ow).data();
    float[] cols = new float[g.length];
    Im2col.im2col(x, 0, c, h, w, k, stride, padding, cols, 0);
    float[] folded = new float[x.length];
    Im2col.col2im(g, 0, c, h, w, k, stride, padding, folded, 0);
    assertEquals(Fixtures.dot(cols, g), Fixtures.dot(x, folded), 1e-4);
  }

  @ParameterizedTest(name = "C={0} H={1} W={2} OC={3} K={4} stride={5} padding={6}")
  @CsvSource({"1, 6, 6, 3, 3, 1, 0", "3, 7, 5, 4, 3, 2, 1", "2, 9, 9, 5, 4, 3, 2"})
  void weightsTimesIm2col_matchesNaiveConvolution(
      int c, int h, int w, int oc, int k, int stride, int padding) {
    int positions =
        Im2row.outputSize(h, k, stride, padding) * Im2row.outputSize(w, k, stride, padding);
    float[] x = Fixtures.uniform(3, c * h * w).data();
    float[] weight = Fixtures.uniform(4, oc * c * k * k).data();
    float[] expected = new float[oc * positions];
    NaiveConvolution.forward(
        x, 1, c, h, w, weight, new float[oc], oc, k, stride, padding, expected);

    float[] cols = new float[c * k * k * positions];
    Im2col.im2col(x, 0, c, h, w, k, stride, padding, cols, 0);
    float[] actual = new float[expected.length];
    Gemm.gemm(false, false, oc, positions, c * k * k, weight, 0, cols, 0, actual, 0, false);
    assertEquals(0, Fixtures.maxAbsDifference(expected, actual), 1e-5);
  }
}
