package dev.handwritten.kernels;

/**
 * The lowering that turns a convolution into one matrix product. For one sample {@code x[C, H, W]},
 * {@code cols[C*K*K, OH*OW]} holds in column {@code (oh, ow)} the {@code C x K x K} patch that the
 * kernel sees at that output position (zeros where the patch hangs over the padding). Then {@code
 * y[OC, OH*OW] = weight[OC, C*K*K] * cols}. {@link #col2im} is its adjoint: it scatters (adds) the
 * columns back into the image, which is exactly the input gradient's last step.
 */
public final class Im2col {
  private Im2col() {}

  /** The output size along one axis: {@code floor((in + 2*padding - kernel) / stride) + 1}. */
  public static int outputSize(int in, int kernel, int stride, int padding) {
    return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
  }

  /**
   * Unfolds one sample into columns.
   *
   * @param x {@code [C, H, W]} starting at {@code xOffset}
   * @param cols {@code [C*K*K, OH*OW]} starting at {@code colsOffset}, overwritten
   */
  public static void im2col(
      float[] x,
      int xOffset,
      int channels,
      int height,
      int width,
      int kernel,
      int stride,
      int padding,
      float[] cols,
      int colsOffset) {
    int outH = outputSize(height, kernel, stride, padding);
    int outW = outputSize(width, kernel, stride, padding);
    int row = colsOffset;
    // For each (c, kh, kw) row of cols: copy the strided, shifted view of channel c.
    for (int c = 0; c < channels; c++) {
      int channel = xOffset + c * height * width;
      for (int kh = 0; kh < kernel; kh++) {
        for (int kw = 0; kw < kernel; kw++) {
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * stride - padding + kh;
            int out = row + oh * outW;
            if (ih < 0 || ih >= height) {
              java.util.Arrays.fill(cols, out, out + outW, 0f);
              continue;
            }
            int in = channel + ih * width;
            for (int ow = 0; ow < outW; ow++) {
              int iw = ow * stride - padding + kw;
              cols[out + ow] = (iw >= 0 && iw < width) ? x[in + iw] : 0f;
            }
          }
          row += outH * outW;
        }
      }
    }
  }

  /**
   * Folds columns back into an image, adding overlapping contributions: the adjoint of {@link
   * #im2col}.
   *
   * @param cols {@code [C*K*K, OH*OW]} starting at {@code colsOffset}
   * @param x {@code [C, H, W]} starting at {@code xOffset}; the columns are added into it
   */
  public static void col2im(
      float[] cols,
      int colsOffset,
      int channels,
      int height,
      int width,
      int kernel,
      int stride,
      int padding,
      float[] x,
      int xOffset) {
    int outH = outputSize(height, kernel, stride, padding);
    int outW = outputSize(width, kernel, stride, padding);
    int row = colsOffset;
    for (int c = 0; c < channels; c++) {
      int channel = xOffset + c * height * width;
      for (int kh = 0; kh < kernel; kh++) {
        for (int kw = 0; kw < kernel; kw++) {
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * stride - padding + kh;
            if (ih < 0 || ih >= height) {
              continue;
            }
            int in = channel + ih * width;
            int out = row + oh * outW;
            for (int ow = 0; ow < outW; ow++) {
              int iw = ow * stride - padding + kw;
              if (iw >= 0 && iw < width) {
                x[in + iw] += cols[out + ow];
              }
            }
          }
          row += outH * outW;
        }
      }
    }
  }
}
