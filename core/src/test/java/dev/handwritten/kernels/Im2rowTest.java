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
  void im2row_ordersAPatchByKernelRowThenPixelThenChannel() {
    // Two channels, a 2x2 image stored channels last as [H, W, C], and a 2x2 kernel: one position,
    // whose patch [K, K, C] is the whole image in the same order, so the row equals the image.
    float[] x = {1, 10, 2, 20, 3, 30, 4, 40};
    float[] rows = new float[8];
    Im2row.im2row(x, 0, 2, 2, 2, 2, 1, 0, rows, 0);
    assertArrayEquals(x, rows);
  }

  @Test
  void im2row_withPadding_zeroesEveryChannelOfAPixelOutsideTheImage() {
    // Two channels, a 1x1 image [5, 50], a 3x3 kernel and padding 1: the centre pixel holds the
    // image, the eight around it are padding.
    float[] rows = new float[18];
    Im2row.im2row(new float[] {5, 50}, 0, 2, 1, 1, 3, 1, 1, rows, 0);
    float[] expected = new float[18];
    expected[8] = 5;
    expected[9] = 50;
    assertArrayEquals(expected, rows);
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

  // With the Vector API, 8 x 8 blocks go through registers and the edges element-wise: sizes below,
  // at and around multiples of 8, and the reference CNN's shapes. Without it, 16 x 16 blocks.
  @ParameterizedTest(name = "samples={0} a={1} b={2}")
  @CsvSource({
    "2, 37, 53",
    "1, 8, 8",
    "3, 16, 24",
    "2, 7, 9",
    "2, 9, 7",
    "1, 1, 17",
    "1, 17, 1",
    "4, 121, 64",
    "4, 64, 121",
    "4, 32, 169",
    "4, 169, 32",
    "64, 32, 9"
  })
  void transposeSamples_matchesTheDefinition(int samples, int a, int b) {
    float[] in = Fixtures.uniform(9, samples * a * b).data();
    float[] out = new float[in.length];
    Im2row.transposeSamples(in, samples, a, b, out);
    for (int s = 0; s < samples; s++) {
      for (int i = 0; i < a; i++) {
        for (int j = 0; j < b; j++) {
          assertEquals(in[(s * a + i) * b + j], out[(s * b + j) * a + i]);
        }
      }
    }
  }

  @ParameterizedTest(name = "C={0} H={1} W={2} K={3} stride={4} padding={5}")
  @CsvSource({
    "1, 5, 5, 3, 1, 0",
    "3, 7, 6, 3, 2, 1",
    "2, 9, 8, 4, 3, 2",
    "2, 5, 7, 1, 1, 0",
    "32, 13, 13, 3, 1, 1"
  })
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
    assertEquals(Fixtures.dot(rows, g), Fixtures.dot(x, folded), 1e-4);
  }

  @ParameterizedTest(name = "N={0} C={1} H={2} W={3} OC={4} K={5} stride={6} padding={7}")
  @CsvSource({
    "2, 1, 6, 6, 3, 3, 1, 0",
    "2, 3, 7, 5, 4, 3, 2, 1",
    "1, 2, 9, 9, 5, 4, 3, 2",
    "2, 32, 13, 13, 8, 3, 1, 1"
  })
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

    // im2row works on channels-last images and a kernel-major weight [OC, K, K, C].
    float[] channelsLast = new float[x.length];
    Im2row.transposeSamples(x, n, c, h * w, channelsLast);
    float[] kernelMajor = new float[weight.length];
    Im2row.transposeSamples(weight, oc, c, k * k, kernelMajor);
    float[] rows = new float[n * positions * c * k * k];
    for (int s = 0; s < n; s++) {
      Im2row.im2row(
          channelsLast,
          s * c * h * w,
          c,
          h,
          w,
          k,
          stride,
          padding,
          rows,
          s * positions * c * k * k);
    }
    float[] transposed = new float[n * positions * oc];
    Gemm.gemm(
        false, true, n * positions, oc, c * k * k, rows, 0, kernelMajor, 0, transposed, 0, false);
    float[] actual = new float[expected.length];
    Im2row.transposeSamples(transposed, n, positions, oc, actual);
    // Both sum C*K*K float products, in different orders: the rounding grows with that count.
    double tolerance = Math.max(1e-5, 1e-6 * c * k * k);
    assertEquals(0, Fixtures.maxAbsDifference(expected, actual), tolerance);
  }
}
