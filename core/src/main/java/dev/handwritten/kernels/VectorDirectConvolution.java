package dev.handwritten.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel of {@link DirectConvolution}. Loaded only when the JVM has {@code
 * jdk.incubator.vector}.
 *
 * <p>With stride 1 and no padding, the {@code V} outputs of a row from column {@code ow} on read,
 * for each patch value {@code (c, kh, kw)}, the {@code V} pixels of image row {@code oh + kh} from
 * column {@code ow + kw}: one unaligned vector load. A step takes two such vectors of outputs for
 * four filters (8 accumulators): per patch value, 2 loads of pixels and 4 broadcast weights feed 8
 * multiply-adds. A row's last vector starts at {@code OW - V} and overlaps the one before it; the
 * overlapped outputs are computed twice, to the same bits, instead of by a scalar tail. Likewise
 * the last block of four filters ends at the last filter.
 */
final class VectorDirectConvolution {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();

  /** Filters per step. */
  static final int CHANNELS_PER_STEP = 4;

  private VectorDirectConvolution() {}

  static void forward(
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
    int outHeight = height - kernel + 1;
    int outWidth = width - kernel + 1;
    int patch = channels * kernel * kernel;
    int stride = patch + 1; // a filter's weights and bias
    int positions = outHeight * outWidth;
    // Vector starts along a row: 0, V, 2V, ..., and OW - V for the rest; taken in pairs.
    int vectors = (outWidth + V - 1) / V;
    for (int oh = 0; oh < outHeight; oh++) {
      int row = xOffset + oh * width;
      for (int v = 0; v < vectors; v += 2) {
        int first = Math.min(v * V, outWidth - V);
        int second = Math.min((v + 1) * V, outWidth - V);
        for (int oc0 = 0; oc0 < outChannels; oc0 += CHANNELS_PER_STEP) {
          int oc = Math.min(oc0, outChannels - CHANNELS_PER_STEP);
          int w0 = oc * stride;
          int w1 = w0 + stride;
          int w2 = w1 + stride;
          int w3 = w2 + stride;
          FloatVector a0, a1, a2, a3, b0, b1, b2, b3;
          a0 = a1 = a2 = a3 = b0 = b1 = b2 = b3 = FloatVector.zero(S);
          // Patch values in im2col's order (c, kh, kw); tap is where value t sits relative to
          // the patch's top-left pixel, stepped as t goes (a table of them would be an allocation
          // per call, and dividing t by K costs twice the loop).
          int tap = 0;
          int kw = 0;
          int kh = 0;
          for (int t = 0; t < patch; t++) {
            FloatVector p = FloatVector.fromArray(S, x, row + first + tap);
            FloatVector q = FloatVector.fromArray(S, x, row + second + tap);
            FloatVector w = FloatVector.broadcast(S, weightAndBias[w0 + t]);
            a0 = w.fma(p, a0);
            b0 = w.fma(q, b0);
            w = FloatVector.broadcast(S, weightAndBias[w1 + t]);
            a1 = w.fma(p, a1);
            b1 = w.fma(q, b1);
            w = FloatVector.broadcast(S, weightAndBias[w2 + t]);
            a2 = w.fma(p, a2);
            b2 = w.fma(q, b2);
            w = FloatVector.broadcast(S, weightAndBias[w3 + t]);
            a3 = w.fma(p, a3);
            b3 = w.fma(q, b3);
            tap++;
            if (++kw == kernel) {
              kw = 0;
              tap += width - kernel;
              if (++kh == kernel) {
                kh = 0;
                tap += (height - kernel) * width;
              }
            }
          }
          int out = yOffset + oc * positions + oh * outWidth;
          store(a0, b0, weightAndBias[w0 + patch], y, out, first, second);
          store(a1, b1, weightAndBias[w1 + patch], y, out + positions, first, second);
          store(a2, b2, weightAndBias[w2 + patch], y, out + 2 * positions, first, second);
          store(a3, b3, weightAndBias[w3 + patch], y, out + 3 * positions, first, second);
        }
      }
    }
  }

  /**
   * Adds the bias last, as the product adds it (times its row of ones), and stores both vectors.
   */
  private static void store(
      FloatVector a, FloatVector b, float bias, float[] y, int rowStart, int first, int second) {
    FloatVector bv = FloatVector.broadcast(S, bias);
    a.add(bv).intoArray(y, rowStart + first);
    b.add(bv).intoArray(y, rowStart + second);
  }
}
