package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolingTest {
  @Test
  void maxPool_takesEachWindowsMaximumAndRemembersWhere() {
    // [[1 5 2 0]      2x2 windows, stride 2:
    //  [3 4 8 6]      max(1,5,3,4) = 5 at index 1    max(2,0,8,6) = 8 at index 6
    //  [0 0 1 1]      max(0,0,9,2) = 9 at index 12   max(1,1,3,7) = 7 at index 15
    //  [9 2 3 7]]
    float[] x = {1, 5, 2, 0, 3, 4, 8, 6, 0, 0, 1, 1, 9, 2, 3, 7};
    float[] y = new float[4];
    int[] argmax = new int[4];
    Pooling.maxPoolForward(x, 1, 4, 4, 2, 2, y, argmax);
    assertArrayEquals(new float[] {5, 8, 9, 7}, y);
    assertArrayEquals(new int[] {1, 6, 12, 15}, argmax);

    float[] dx = new float[16];
    Pooling.maxPoolBackward(new float[] {10, 20, 30, 40}, argmax, 4, dx);
    assertArrayEquals(new float[] {0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30, 0, 0, 40}, dx);
  }

  @Test
  void maxPool_onTies_picksTheFirstInRowMajorOrder() {
    float[] y = new float[1];
    int[] argmax = new int[1];
    Pooling.maxPoolForward(new float[] {2, 7, 7, 7}, 1, 2, 2, 2, 2, y, argmax);
    assertArrayEquals(new int[] {1}, argmax);
  }

  @ParameterizedTest(name = "planes={0} H={1} W={2} K={3} stride={4}")
  @CsvSource({
    "3, 7, 7, 2, 2",
    "2, 10, 34, 2, 2",
    "2, 9, 8, 3, 2",
    "4, 5, 11, 3, 3",
    "1, 6, 6, 3, 1"
  })
  void maxPool_matchesNaiveTwin_onOddSizes(int planes, int h, int w, int k, int stride) {
    float[] x = Fixtures.uniform(7, planes * h * w).data();
    int outputs = planes * ((h - k) / stride + 1) * ((w - k) / stride + 1);
    float[] fast = new float[outputs];
    float[] naive = new float[outputs];
    Pooling.maxPoolForward(x, planes, h, w, k, stride, fast, new int[outputs]);
    Pooling.maxPoolNaive(x, planes, h, w, k, stride, naive);
    assertArrayEquals(naive, fast);
  }

  @ParameterizedTest(name = "planes={0} H={1} W={2} K={3} stride={4}")
  @CsvSource({
    "3, 7, 7, 2, 2",
    "2, 10, 34, 2, 2",
    "32, 26, 26, 2, 2",
    "64, 11, 11, 2, 2",
    "2, 9, 8, 3, 2",
    "1, 6, 6, 3, 1"
  })
  void maxPoolValues_givesTheForwardPasssMaxima_bitForBit(
      int planes, int h, int w, int k, int stride) {
    // Signed zeros and a NaN among the values: Math.max orders -0 below +0 and lets NaN win, in
    // whatever order a kernel compares, so the values-only kernel must give the same bits.
    float[] x = Fixtures.uniform(11, planes * h * w).data();
    x[0] = -0f;
    x[1] = 0f;
    x[x.length / 2] = Float.NaN;
    x[x.length - 1] = -0f;
    int outputs = planes * ((h - k) / stride + 1) * ((w - k) / stride + 1);
    float[] withArgmax = new float[outputs];
    float[] valuesOnly = new float[outputs];
    Pooling.maxPoolForward(x, planes, h, w, k, stride, withArgmax, new int[outputs]);
    Pooling.maxPoolValues(x, planes, h, w, k, stride, valuesOnly);
    for (int i = 0; i < outputs; i++) {
      assertEquals(
          Float.floatToRawIntBits(withArgmax[i]),
          Float.floatToRawIntBits(valuesOnly[i]),
          "window " + i);
    }
  }

  @ParameterizedTest(name = "H={0} W={1}")
  @CsvSource({"8, 8", "7, 9", "26, 26", "11, 11", "6, 40", "5, 67"})
  void maxPool2x2_onManyTies_pointsAtTheFirstMaximumOfEachWindow(int h, int w) {
    // Values drawn from {0, 1, 2}, so most windows hold ties: the unrolled 2x2 path must route
    // the gradient to the first maximum in row-major order, as the general loop does. The wider
    // rows run the vector kernel over several steps per row, with AVX2 (4 windows a step) and
    // AVX-512 (8), and a scalar end.
    int planes = 3;
    java.util.Random random = new java.util.Random(5);
    float[] x = new float[planes * h * w];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(3);
    }
    int outH = h / 2;
    int outW = w / 2;
    float[] y = new float[planes * outH * outW];
    int[] argmax = new int[y.length];
    Pooling.maxPoolForward(x, planes, h, w, 2, 2, y, argmax);
    int out = 0;
    for (int plane = 0; plane < planes; plane++) {
      for (int oh = 0; oh < outH; oh++) {
        for (int ow = 0; ow < outW; ow++) {
          int first = -1;
          for (int kh = 0; kh < 2; kh++) {
            for (int kw = 0; kw < 2; kw++) {
              int at = (plane * h + 2 * oh + kh) * w + 2 * ow + kw;
              if (first < 0 || x[at] > x[first]) {
                first = at;
              }
            }
          }
          assertEquals(x[first], y[out], "maximum of window " + out);
          assertEquals(first, argmax[out], "argmax of window " + out);
          out++;
        }
      }
    }
  }
}
