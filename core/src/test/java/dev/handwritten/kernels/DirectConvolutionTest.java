package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.handwritten.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectConvolutionTest {
  @ParameterizedTest(name = "C={0} H={1} W={2} K={3} OC={4}")
  @CsvSource({
    "1, 28, 28, 3, 32", // the reference CNN's first convolution: rows of 26, a last vector
    // overlapping
    "1, 28, 28, 3, 6", // filters not a multiple of four: the last block overlaps too
    "1, 10, 10, 3, 4", // rows of exactly one AVX2 vector
    "1, 20, 35, 2, 5",
    "3, 12, 19, 2, 7", // 12 values per patch, from three channels
    "1, 40, 40, 1, 4" // a 1x1 kernel
  })
  void forward_givesTheProductsBits(int channels, int height, int width, int kernel, int oc) {
    // What ConvolutionByColumns computed before: [W | bias] * [im2col(x); 1 ... 1]. The layer
    // switches between the two, so they must agree to the last bit, not within a tolerance.
    int outH = height - kernel + 1;
    int outW = width - kernel + 1;
    assumeTrue(DirectConvolution.applies(channels, kernel, 1, 0, oc, outW), "Vector API path");
    int patch = channels * kernel * kernel;
    float[] x = Fixtures.uniform(3, channels * height * width).data();
    float[] weightAndBias = Fixtures.uniform(4, oc * (patch + 1)).data();
    int positions = outH * outW;
    float[] cols = new float[(patch + 1) * positions];
    Im2col.im2col(x, 0, channels, height, width, kernel, 1, 0, cols, 0);
    Arrays.fill(cols, patch * positions, cols.length, 1f);
    float[] product = new float[oc * positions];
    Gemm.gemm(false, false, oc, positions, patch + 1, weightAndBias, 0, cols, 0, product, 0, false);

    float[] direct = new float[oc * positions + 5];
    DirectConvolution.forward(x, 0, channels, height, width, kernel, weightAndBias, oc, direct, 5);
    for (int i = 0; i < product.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(product[i]), Float.floatToRawIntBits(direct[5 + i]), "at " + i);
    }
  }

  @Test
  void applies_onlyToStrideOneWithoutPaddingAndShortPatches() {
    assertFalse(DirectConvolution.applies(1, 3, 2, 0, 32, 13)); // stride 2
    assertFalse(DirectConvolution.applies(1, 3, 1, 1, 32, 28)); // padding
    assertFalse(DirectConvolution.applies(2, 3, 1, 0, 32, 26)); // 18 values per patch
    assertFalse(DirectConvolution.applies(1, 3, 1, 0, 3, 26)); // fewer filters than a step
    assertFalse(DirectConvolution.applies(1, 3, 1, 0, 32, 5)); // rows narrower than a vector
    assertEquals(KernelPath.vectorized(), DirectConvolution.applies(1, 3, 1, 0, 32, 26));
  }

  @Test
  void forward_whereItDoesNotApply_isAnError() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                DirectConvolution.forward(
                    new float[2 * 25], 0, 2, 5, 5, 3, new float[4 * 19], 4, new float[36], 0));
    assertEquals("DirectConvolution: does not apply to 2x3x3", e.getMessage());
  }
}
