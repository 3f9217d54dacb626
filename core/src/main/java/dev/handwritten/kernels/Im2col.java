package dev.handwritten.kernels;

/**
 * The classic lowering of a convolution to a matrix product, in column layout, for one
 * channels-first sample: {@code cols[C*K*K, OH*OW]} holds in column {@code (oh, ow)} the {@code C x
 * K x K} patch the kernel sees at that output position (zeros over the padding), so that {@code
 * y[OC, OH*OW] = weight[OC, C*K*K] * cols} lands in the layer's own {@code [OC, OH, OW]} layout
 * with no reordering. {@link Im2row} is the batched, channels-last alternative; {@code Conv2d} uses
 * this one where the patch is short (a first convolution on grey images: C*K*K = 9), because there
 * the product is cheap and reordering its output would cost more than the product.
 *
 * <p>With stride 1, each row of {@code cols} is made of runs of {@code OW} consecutive pixels of
 * the image, so the unfolding is row copies. {@link #col2im} is the adjoint of {@link #im2col}: it
 * adds columns back into the image, the input gradient's last step.
 */
public final class Im2col {
  private Im2col() {}

  /**
   * Unfolds one channels-first sample into columns.
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
    int outH = Im2row.outputSize(height, kernel, stride, padding);
    int outW = Im2row.outputSize(width, kernel, stride, padding);
    int positions = outH * outW;
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernel; kh++) {
        for (int kw = 0; kw < kernel; kw++) {
          int row = colsOffset + ((c * kernel + kh) * kernel + kw) * positions;
          // Output columns ow in [lo, hi) read inside the image: iw = ow*stride - padding + kw.
          int lo = Math.min(outW, firstInside(kw - padding, stride));
          int hi = Math.max(lo, Math.min(outW, lastInside(kw - padding, stride, width) + 1));
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * stride - padding + kh;
            int out = row + oh * outW;
            if (ih < 0 || ih >= height) {
              java.util.Arrays.fill(cols, out, out + outW, 0f);
              continue;
            }
            java.util.Arrays.fill(cols, out, out + lo, 0f);
            int in = xOffset + (c * height + ih) * width + kw - padding;
            for (int ow = lo; ow < hi; ow++) {
              cols[out + ow] = x[in + ow * stride];
            }
            java.util.Arrays.fill(cols, out + hi, out + outW, 0f);
          }
        }
      }
    }
  }

  /**
   * Folds columns back into a channels-first image, adding overlapping contributions: the adjoint
   * of {@link #im2col}.
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
    int outH = Im2row.outputSize(height, kernel, stride, padding);
    int outW = Im2row.outputSize(width, kernel, stride, padding);
    int positions = outH * outW;
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernel; kh++) {
        for (int kw = 0; kw < kernel; kw++) {
          int row = colsOffset + ((c * kernel + kh) * kernel + kw) * positions;
          int lo = Math.min(outW, firstInside(kw - padding, stride));
          int hi = Math.max(lo, Math.min(outW, lastInside(kw - padding, stride, width) + 1));
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * stride - padding + kh;
            if (ih < 0 || ih >= height) {
              continue;
            }
            int from = row + oh * outW;
            int in = xOffset + (c * height + ih) * width + kw - padding;
            for (int ow = lo; ow < hi; ow++) {
              x[in + ow * stride] += cols[from + ow];
            }
          }
        }
      }
    }
  }

  /** The smallest {@code ow >= 0} with {@code ow*stride + shift >= 0}. */
  private static int firstInside(int shift, int stride) {
    return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
  }

  /** The largest {@code ow} with {@code ow*stride + shift < width} (negative if there is none). */
  private static int lastInside(int shift, int stride, int width) {
    return Math.floorDiv(width - 1 - shift, stride);
  }
}
