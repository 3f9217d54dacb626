package dev.handwritten.kernels;

/**
 * A convolution with a short patch (a first layer on grey images: {@code C*K*K = 9}), stride 1 and
 * no padding, computed straight from the image instead of as {@code [W | bias] * [im2col(x); 1]}.
 * With 10 values per patch the product does 10 multiply-adds per element of its output and then
 * stores it, so it ran at about a third of the machine's peak, after unfolding the image into 9
 * copies; here each output row is read from the image rows directly, a few output channels at a
 * time (see {@code VectorDirectConvolution}). Measured on the reference CNN's first convolution,
 * one 28 x 28 image, 32 filters, best of 20,000 calls alternated: 13.7-14.1 us, against 16.2-16.3
 * us for im2col and the product. Not the gain the multiply-adds allow (about 5 us): with 9 values
 * per patch the kernel's loop does 8 multiply-adds per step among some 35 instructions (bounds
 * checks, broadcasts), and is bound by issuing them.
 *
 * <p>The arithmetic is the product's, step for step: each output starts at zero, adds the patch's
 * values in im2col's order ({@code c, kh, kw}) by fused multiply-adds, and then the bias; so the
 * result is the same bit for bit, and a layer may use either.
 */
public final class DirectConvolution {
  private DirectConvolution() {}

  /**
   * Whether {@link #forward} can take this convolution: the Vector API path, stride 1, no padding,
   * a patch of at most 15 values, at least 4 filters and output rows at least a vector wide.
   */
  public static boolean applies(
      int channels, int kernel, int stride, int padding, int outChannels, int outWidth) {
    return KernelPath.VECTORIZED
        && stride == 1
        && padding == 0
        && channels * kernel * kernel < 16
        && outChannels >= VectorDirectConvolution.CHANNELS_PER_STEP
        && outWidth >= KernelPath.vectorFloats();
  }

  /**
   * One sample: {@code y[OC, OH, OW] = W * x + bias}, where {@link #applies} holds.
   *
   * @param x {@code [C, H, W]} from {@code xOffset}
   * @param weightAndBias {@code [OC, C*K*K + 1]}: each filter's weights in {@code c, kh, kw} order,
   *     then its bias
   * @param y {@code [OC, OH, OW]} from {@code yOffset}, overwritten
   * @throws IllegalStateException if {@link #applies} does not hold
   */
  public static void forward(
      float[] x,
      int xOffset,
      int channels,
      int height,
      int width,
      int kernel,
      float[] weightAndBias,
      int outChannels,
      float[] y,
      int yOffset) {
    int outWidth = width - kernel + 1;
    if (!applies(channels, kernel, 1, 0, outChannels, outWidth)) {
      throw new IllegalStateException(
          "DirectConvolution: does not apply to " + channels + "x" + kernel + "x" + kernel);
    }
    VectorDirectConvolution.forward(
        x, xOffset, channels, height, width, kernel, weightAndBias, outChannels, y, yOffset);
  }
}
