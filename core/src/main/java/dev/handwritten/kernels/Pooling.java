package dev.handwritten.kernels;

/**
 * Max pooling over {@code K x K} windows moved by a stride, per channel, with no padding. The
 * forward pass remembers, for each output, the flat input index of its maximum, so that the
 * backward pass routes each gradient to exactly that input. Ties go to the first maximum in
 * row-major window order, as in PyTorch.
 */
public final class Pooling {
  private Pooling() {}

  /**
   * @param x {@code [planes, H, W]} where planes = N * C
   * @param y {@code [planes, OH, OW]}, overwritten with each window's maximum
   * @param argmax {@code [planes, OH, OW]}, overwritten with the flat index into {@code x} of each
   *     maximum
   */
  public static void maxPoolForward(
      float[] x,
      int planes,
      int height,
      int width,
      int kernel,
      int stride,
      float[] y,
      int[] argmax) {
    if (kernel == 2 && stride == 2) {
      maxPool2x2(x, planes, height, width, y, argmax);
      return;
    }
    maxPoolWindows(x, planes, height, width, kernel, stride, y, argmax);
  }

  /**
   * Any window and stride, one window after another: the maximum by strict comparisons (the first
   * maximum wins), and its flat index into {@code argmax} unless that is null.
   */
  private static void maxPoolWindows(
      float[] x,
      int planes,
      int height,
      int width,
      int kernel,
      int stride,
      float[] y,
      int[] argmax) {
    int outH = (height - kernel) / stride + 1;
    int outW = (width - kernel) / stride + 1;
    int out = 0;
    for (int plane = 0; plane < planes; plane++) {
      int base = plane * height * width;
      for (int oh = 0; oh < outH; oh++) {
        for (int ow = 0; ow < outW; ow++) {
          int corner = base + oh * stride * width + ow * stride;
          int best = corner;
          float max = x[corner];
          for (int kh = 0; kh < kernel; kh++) {
            int row = corner + kh * width;
            for (int kw = 0; kw < kernel; kw++) {
              if (x[row + kw] > max) {
                max = x[row + kw];
                best = row + kw;
              }
            }
          }
          y[out] = max;
          if (argmax != null) {
            argmax[out] = best;
          }
          out++;
        }
      }
    }
  }

  /**
   * Each window's maximum, without the argmax: what evaluation needs, where no gradient will be
   * routed. The same values as {@link #maxPoolForward} bit for bit, signed zeros and NaN included:
   * the 2x2, stride 2 case takes {@code Math.max} as that kernel does (the same result in any
   * order), without the comparisons and index blends that take most of its time; other windows
   * compare as its general loop does.
   *
   * @param x {@code [planes, H, W]} where planes = N * C
   * @param y {@code [planes, OH, OW]}, overwritten with each window's maximum
   */
  public static void maxPoolValues(
      float[] x, int planes, int height, int width, int kernel, int stride, float[] y) {
    if (kernel == 2 && stride == 2) {
      if (KernelPath.VECTORIZED) {
        VectorPooling.maxPool2x2Values(x, planes, height, width, y);
      } else {
        maxPool2x2Values(x, planes, height, width, y);
      }
      return;
    }
    // Other windows cost little beyond their comparisons: maxPoolForward's own loop, for its bits.
    maxPoolWindows(x, planes, height, width, kernel, stride, y, null);
  }

  /** The scalar 2x2, stride 2 values: {@code Math.max}, as {@link #maxPool2x2Row} takes them. */
  private static void maxPool2x2Values(float[] x, int planes, int height, int width, float[] y) {
    int outH = height / 2;
    int outW = width / 2;
    for (int plane = 0; plane < planes; plane++) {
      for (int oh = 0; oh < outH; oh++) {
        int top = (plane * height + 2 * oh) * width;
        maxPool2x2RowValues(x, top, width, 0, outW, y, (plane * outH + oh) * outW);
      }
    }
  }

  /** Windows {@code from .. to} of one output row, as {@link #maxPool2x2Row} without the argmax. */
  static void maxPool2x2RowValues(
      float[] x, int top, int width, int from, int to, float[] y, int out) {
    for (int ow = from; ow < to; ow++) {
      int i = top + 2 * ow;
      int j = i + width;
      y[out + ow] = Math.max(Math.max(x[i], x[i + 1]), Math.max(x[j], x[j + 1]));
    }
  }

  /**
   * The common 2x2, stride 2 case, unrolled: the same maxima and the same argmax, ties included;
   * with the Vector API, {@code VectorPooling} takes the rows, half a vector of windows at a time.
   */
  private static void maxPool2x2(
      float[] x, int planes, int height, int width, float[] y, int[] argmax) {
    if (KernelPath.VECTORIZED) {
      VectorPooling.maxPool2x2(x, planes, height, width, y, argmax);
      return;
    }
    int outH = height / 2;
    int outW = width / 2;
    for (int plane = 0; plane < planes; plane++) {
      for (int oh = 0; oh < outH; oh++) {
        int top = (plane * height + 2 * oh) * width;
        maxPool2x2Row(x, top, width, 0, outW, y, argmax, (plane * outH + oh) * outW);
      }
    }
  }

  /**
   * Windows {@code from .. to} of one output row, whose windows' top row starts at {@code top}:
   * into {@code y} and {@code argmax} from {@code out}.
   */
  static void maxPool2x2Row(
      float[] x, int top, int width, int from, int to, float[] y, int[] argmax, int out) {
    for (int ow = from; ow < to; ow++) {
      int i = top + 2 * ow;
      int j = i + width;
      // Row-major window order, first maximum wins: strict comparisons, as in the general loop.
      // Without data-dependent branches: on real data each comparison is a coin flip that a
      // branch predictor gets wrong half the time (measured: 6x slower). The index is chosen
      // by a strict comparison the JIT turns into a conditional move, so ties go to the first
      // maximum exactly as in the general loop; the value comes from Math.max, which differs
      // from that loop only in the sign of a zero that ties with another zero.
      float a = x[i];
      float b = x[i + 1];
      float c = x[j];
      float d = x[j + 1];
      int best = b > a ? i + 1 : i;
      float max = Math.max(a, b);
      best = c > max ? j : best;
      max = Math.max(max, c);
      best = d > max ? j + 1 : best;
      max = Math.max(max, d);
      y[out + ow] = max;
      argmax[out + ow] = best;
    }
  }

  /**
   * Adds each output gradient into the input that was the window's maximum.
   *
   * @param dy {@code [planes, OH, OW]}
   * @param argmax from {@link #maxPoolForward}
   * @param dx {@code [planes, H, W]}; gradients are added into it
   */
  public static void maxPoolBackward(float[] dy, int[] argmax, int outputs, float[] dx) {
    for (int i = 0; i < outputs; i++) {
      dx[argmax[i]] += dy[i];
    }
  }

  /**
   * The naive twin of {@link #maxPoolForward}: the maximum of each window by its definition,
   * without the argmax bookkeeping, indexing every element through its four coordinates.
   */
  public static void maxPoolNaive(
      float[] x, int planes, int height, int width, int kernel, int stride, float[] y) {
    int outH = (height - kernel) / stride + 1;
    int outW = (width - kernel) / stride + 1;
    for (int plane = 0; plane < planes; plane++) {
      for (int oh = 0; oh < outH; oh++) {
        for (int ow = 0; ow < outW; ow++) {
          float max = Float.NEGATIVE_INFINITY;
          for (int kh = 0; kh < kernel; kh++) {
            for (int kw = 0; kw < kernel; kw++) {
              max =
                  Math.max(max, x[(plane * height + oh * stride + kh) * width + ow * stride + kw]);
            }
          }
          y[(plane * outH + oh) * outW + ow] = max;
        }
      }
    }
  }
}
