package dev.handwritten.kernels;

/**
 * The lowering that turns a convolution into one matrix product, in row layout (im2col transposed):
 * for one sample {@code x[C, H, W]}, {@code rows[OH*OW, C*K*K]} holds in row {@code (oh, ow)} the
 * {@code C x K x K} patch the kernel sees at that output position (zeros where the patch hangs over
 * the padding), in the order of the weight's {@code [C, K, K]}. Then {@code y^T [OH*OW, OC] = rows
 * * weight^T}.
 *
 * <p>Why rows rather than columns: the samples of a batch stack vertically, so a whole batch is one
 * product with {@code N*OH*OW} rows, and every product backprop needs has a long, vector-friendly
 * dimension: forward {@code rows * W^T}, weight gradient {@code dY^T * rows}, input gradient {@code
 * dY * W}. {@link #row2im} is the adjoint of {@link #im2row}: it scatters (adds) rows back into the
 * image, the input gradient's last step.
 */
public final class Im2row {
  private Im2row() {}

  /** The output size along one axis: {@code floor((in + 2*padding - kernel) / stride) + 1}. */
  public static int outputSize(int in, int kernel, int stride, int padding) {
    return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
  }

  /**
   * Unfolds one sample into rows.
   *
   * @param x {@code [C, H, W]} starting at {@code xOffset}
   * @param rows {@code [OH*OW, C*K*K]} starting at {@code rowsOffset}, overwritten
   */
  public static void im2row(
      float[] x,
      int xOffset,
      int channels,
      int height,
      int width,
      int kernel,
      int stride,
      int padding,
      float[] rows,
      int rowsOffset) {
    int outH = outputSize(height, kernel, stride, padding);
    int outW = outputSize(width, kernel, stride, padding);
    int patch = channels * kernel * kernel;
    // For each output position: copy the K x K window of every channel, zeros outside the image.
    for (int oh = 0; oh < outH; oh++) {
      for (int ow = 0; ow < outW; ow++) {
        int row = rowsOffset + (oh * outW + ow) * patch;
        for (int c = 0; c < channels; c++) {
          int channel = xOffset + c * height * width;
          for (int kh = 0; kh < kernel; kh++) {
            int ih = oh * stride - padding + kh;
            int out = row + (c * kernel + kh) * kernel;
            if (ih < 0 || ih >= height) {
              java.util.Arrays.fill(rows, out, out + kernel, 0f);
              continue;
            }
            int in = channel + ih * width;
            for (int kw = 0; kw < kernel; kw++) {
              int iw = ow * stride - padding + kw;
              rows[out + kw] = (iw >= 0 && iw < width) ? x[in + iw] : 0f;
            }
          }
        }
      }
    }
  }

  /**
   * Folds rows back into an image, adding overlapping contributions: the adjoint of {@link
   * #im2row}.
   *
   * @param rows {@code [OH*OW, C*K*K]} starting at {@code rowsOffset}
   * @param x {@code [C, H, W]} starting at {@code xOffset}; the rows are added into it
   */
  public static void row2im(
      float[] rows,
      int rowsOffset,
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
    int patch = channels * kernel * kernel;
    for (int oh = 0; oh < outH; oh++) {
      for (int ow = 0; ow < outW; ow++) {
        int row = rowsOffset + (oh * outW + ow) * patch;
        for (int c = 0; c < channels; c++) {
          int channel = xOffset + c * height * width;
          for (int kh = 0; kh < kernel; kh++) {
            int ih = oh * stride - padding + kh;
            if (ih < 0 || ih >= height) {
              continue;
            }
            int in = channel + ih * width;
            int out = row + (c * kernel + kh) * kernel;
            for (int kw = 0; kw < kernel; kw++) {
              int iw = ow * stride - padding + kw;
              if (iw >= 0 && iw < width) {
                x[in + iw] += rows[out + kw];
              }
            }
          }
        }
      }
    }
  }

  /**
   * Transposes each sample's {@code [A, B]} block to {@code [B, A]}: between the layers' {@code [N,
   * OC, OH*OW]} and the products' {@code [N*OH*OW, OC]}.
   *
   * @param in {@code [samples, a, b]}
   * @param out {@code [samples, b, a]}, overwritten
   */
  public static void transposeSamples(float[] in, int samples, int a, int b, float[] out) {
    for (int s = 0; s < samples; s++) {
      int base = s * a * b;
      for (int i = 0; i < a; i++) {
        int row = base + i * b;
        for (int j = 0; j < b; j++) {
          out[base + j * a + i] = in[row + j];
        }
      }
    }
  }
}
