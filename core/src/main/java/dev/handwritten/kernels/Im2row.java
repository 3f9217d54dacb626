package dev.handwritten.kernels;

/**
 * The lowering that turns a convolution into one matrix product, in row layout (im2col transposed)
 * and on channels-last images: for one sample {@code x[H, W, C]}, {@code rows[OH*OW, K*K*C]} holds
 * in row {@code (oh, ow)} the {@code K x K x C} patch the kernel sees at that output position
 * (zeros where the patch hangs over the padding), in the order of a kernel-major weight {@code [OC,
 * K, K, C]}. Then {@code y^T [OH*OW, OC] = rows * weight^T}.
 *
 * <p>Why rows rather than columns: the samples of a batch stack vertically, so a whole batch is one
 * product with {@code N*OH*OW} rows, and every product backprop needs has a long, vector-friendly
 * dimension: forward {@code rows * W^T}, weight gradient {@code dY^T * rows}, input gradient {@code
 * dY * W}. Why channels last: one kernel row of a patch, {@code K x C} values, is then one
 * contiguous run of the image, so the unfolding is a few long copies per position instead of {@code
 * C*K} copies of {@code K} values each (measured: several times faster for the reference CNN's
 * second convolution, C = 32). {@link #transposeSamples} moves images and weights between the
 * library's channels-first layout and this one. {@link #row2im} is the adjoint of {@link #im2row}:
 * it scatters (adds) rows back into the image, the input gradient's last step.
 */
public final class Im2row {
  // Below this many floats a plain loop beats System.arraycopy's call.
  private static final int SHORT_COPY = 16;
  // Side of the square blocks a transpose moves at a time: 16 x 16 floats, 1 KB each way.
  private static final int BLOCK = 16;

  private Im2row() {}

  /** The output size along one axis: {@code floor((in + 2*padding - kernel) / stride) + 1}. */
  public static int outputSize(int in, int kernel, int stride, int padding) {
    return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
  }

  /**
   * Unfolds one channels-last sample into rows.
   *
   * @param x {@code [H, W, C]} starting at {@code xOffset}
   * @param rows {@code [OH*OW, K*K*C]} starting at {@code rowsOffset}, overwritten
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
    int span = kernel * channels; // one kernel row of a patch: K pixels of C channels
    int patch = kernel * span;
    for (int oh = 0; oh < outH; oh++) {
      for (int ow = 0; ow < outW; ow++) {
        int row = rowsOffset + (oh * outW + ow) * patch;
        int iw0 = ow * stride - padding;
        boolean inside = iw0 >= 0 && iw0 + kernel <= width;
        for (int kh = 0; kh < kernel; kh++) {
          int ih = oh * stride - padding + kh;
          int out = row + kh * span;
          if (ih < 0 || ih >= height) {
            java.util.Arrays.fill(rows, out, out + span, 0f);
          } else if (inside) {
            copy(x, xOffset + (ih * width + iw0) * channels, rows, out, span);
          } else {
            // The window hangs over the left or right padding: pixel by pixel.
            for (int kw = 0; kw < kernel; kw++) {
              int iw = iw0 + kw;
              int to = out + kw * channels;
              if (iw >= 0 && iw < width) {
                copy(x, xOffset + (ih * width + iw) * channels, rows, to, channels);
              } else {
                java.util.Arrays.fill(rows, to, to + channels, 0f);
              }
            }
          }
        }
      }
    }
  }

  /**
   * Folds rows back into a channels-last image, adding overlapping contributions: the adjoint of
   * {@link #im2row}.
   *
   * @param rows {@code [OH*OW, K*K*C]} starting at {@code rowsOffset}
   * @param x {@code [H, W, C]} starting at {@code xOffset}; the rows are added into it
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
    int span = kernel * channels;
    int patch = kernel * span;
    for (int oh = 0; oh < outH; oh++) {
      for (int ow = 0; ow < outW; ow++) {
        int row = rowsOffset + (oh * outW + ow) * patch;
        int iw0 = ow * stride - padding;
        boolean inside = iw0 >= 0 && iw0 + kernel <= width;
        for (int kh = 0; kh < kernel; kh++) {
          int ih = oh * stride - padding + kh;
          if (ih < 0 || ih >= height) {
            continue;
          }
          int from = row + kh * span;
          if (inside) {
            add(rows, from, x, xOffset + (ih * width + iw0) * channels, span);
          } else {
            for (int kw = 0; kw < kernel; kw++) {
              int iw = iw0 + kw;
              if (iw >= 0 && iw < width) {
                add(
                    rows,
                    from + kw * channels,
                    x,
                    xOffset + (ih * width + iw) * channels,
                    channels);
              }
            }
          }
        }
      }
    }
  }

  private static void copy(float[] from, int fromOffset, float[] to, int toOffset, int length) {
    if (length < SHORT_COPY) {
      for (int i = 0; i < length; i++) {
        to[toOffset + i] = from[fromOffset + i];
      }
    } else {
      System.arraycopy(from, fromOffset, to, toOffset, length);
    }
  }

  /** {@code to[toOffset + i] += from[fromOffset + i]}. */
  private static void add(float[] from, int fromOffset, float[] to, int toOffset, int length) {
    if (KernelPath.VECTORIZED) {
      VectorIm2row.add(from, fromOffset, to, toOffset, length);
      return;
    }
    for (int i = 0; i < length; i++) {
      to[toOffset + i] += from[fromOffset + i];
    }
  }

  /**
   * Transposes each sample's {@code [A, B]} block to {@code [B, A]}. Convolution uses it three
   * ways: images between channels-first {@code [N, C, H*W]} and channels-last {@code [N, H*W, C]},
   * the weight from {@code [OC, C, K*K]} to kernel-major {@code [OC, K*K, C]}, and outputs between
   * the layers' {@code [N, OC, OH*OW]} and the products' {@code [N*OH*OW, OC]}.
   *
   * @param in {@code [samples, a, b]}
   * @param out {@code [samples, b, a]}, overwritten
   */
  public static void transposeSamples(float[] in, int samples, int a, int b, float[] out) {
    if (KernelPath.VECTORIZED && VectorIm2row.NATIVE) {
      VectorIm2row.transposeSamples(in, samples, a, b, out);
      return;
    }
    // In square blocks, so that the block's rows being read and its columns being written both
    // stay in L1: a plain double loop writes with a stride of a floats and misses on every store
    // once a sample outgrows L1 (conv1's output, 86 KB).
    for (int s = 0; s < samples; s++) {
      int base = s * a * b;
      for (int i0 = 0; i0 < a; i0 += BLOCK) {
        int iEnd = Math.min(a, i0 + BLOCK);
        for (int j0 = 0; j0 < b; j0 += BLOCK) {
          transposeBlock(in, base, a, b, i0, iEnd, j0, Math.min(b, j0 + BLOCK), out);
        }
      }
    }
  }

  /** Rows {@code [i0, i1)} by columns {@code [j0, j1)} of one sample's transpose, element-wise. */
  static void transposeBlock(
      float[] in, int base, int a, int b, int i0, int i1, int j0, int j1, float[] out) {
    for (int i = i0; i < i1; i++) {
      int row = base + i * b;
      for (int j = j0; j < j1; j++) {
        out[base + j * a + i] = in[row + j];
      }
    }
  }
}
