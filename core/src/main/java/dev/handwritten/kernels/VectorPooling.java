package dev.handwritten.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel of {@link Pooling}'s 2x2, stride 2 max-pool. Loaded only when the JVM has
 * {@code jdk.incubator.vector}.
 *
 * <p>A window's two columns sit side by side in a row, so one vector load of the row and one more,
 * a column to the right, put each window's left and right inputs in the same lane (the even ones).
 * The comparisons and maxima then run on half a vector of windows at once, in exactly the scalar
 * order ({@link Pooling#maxPool2x2Row}): the same values, the same argmax, ties included. A shuffle
 * gathers the even lanes into the lower half, and the whole vector is stored: its upper half is
 * garbage that the next windows overwrite. Where that would write past the output, or read past the
 * input, the row ends with the scalar loop.
 */
final class VectorPooling {
  // A static final species lets the JIT compile every vector operation to single instructions.
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  private static final int HALF = V / 2; // windows per step
  // Lane k takes lane 2k (mod V): the even lanes, where the windows are, into the lower half.
  private static final VectorShuffle<Float> EVEN_LANES = VectorShuffle.fromOp(S, k -> 2 * k % V);
  private static final VectorShuffle<Integer> EVEN_LANES_INT =
      VectorShuffle.fromOp(I, k -> 2 * k % V);

  private VectorPooling() {}

  /**
   * As {@link #maxPool2x2} without the argmax: four loads, three maxima, one shuffle and one store
   * per half vector of windows.
   */
  static void maxPool2x2Values(float[] x, int planes, int height, int width, float[] y) {
    int outH = height / 2;
    int outW = width / 2;
    for (int plane = 0; plane < planes; plane++) {
      for (int oh = 0; oh < outH; oh++) {
        int top = (plane * height + 2 * oh) * width;
        int bottom = top + width;
        int out = (plane * outH + oh) * outW;
        int ow = 0;
        for (;
            ow + HALF <= outW && out + ow + V <= y.length && bottom + 2 * ow + V + 1 <= x.length;
            ow += HALF) {
          int i = top + 2 * ow;
          int j = bottom + 2 * ow;
          FloatVector upper =
              FloatVector.fromArray(S, x, i).max(FloatVector.fromArray(S, x, i + 1));
          FloatVector lower =
              FloatVector.fromArray(S, x, j).max(FloatVector.fromArray(S, x, j + 1));
          upper.max(lower).rearrange(EVEN_LANES).intoArray(y, out + ow);
        }
        Pooling.maxPool2x2RowValues(x, top, width, ow, outW, y, out);
      }
    }
  }

  static void maxPool2x2(float[] x, int planes, int height, int width, float[] y, int[] argmax) {
    int outH = height / 2;
    int outW = width / 2;
    IntVector lane = IntVector.zero(I).addIndex(1); // 0, 1, 2, ...
    for (int plane = 0; plane < planes; plane++) {
      for (int oh = 0; oh < outH; oh++) {
        int top = (plane * height + 2 * oh) * width;
        int bottom = top + width;
        int out = (plane * outH + oh) * outW;
        int ow = 0;
        for (;
            ow + HALF <= outW && out + ow + V <= y.length && bottom + 2 * ow + V + 1 <= x.length;
            ow += HALF) {
          int i = top + 2 * ow;
          int j = bottom + 2 * ow;
          FloatVector a = FloatVector.fromArray(S, x, i);
          FloatVector b = FloatVector.fromArray(S, x, i + 1);
          FloatVector c = FloatVector.fromArray(S, x, j);
          FloatVector d = FloatVector.fromArray(S, x, j + 1);
          IntVector left = lane.add(i); // in even lane 2k: the index of window k's top-left input
          VectorMask<Float> wins = b.compare(VectorOperators.GT, a);
          IntVector best = left.blend(left.add(1), wins.cast(I));
          FloatVector max = a.max(b);
          wins = c.compare(VectorOperators.GT, max);
          best = best.blend(left.add(width), wins.cast(I));
          max = max.max(c);
          wins = d.compare(VectorOperators.GT, max);
          best = best.blend(left.add(width + 1), wins.cast(I));
          max = max.max(d);
          max.rearrange(EVEN_LANES).intoArray(y, out + ow);
          best.rearrange(EVEN_LANES_INT).intoArray(argmax, out + ow);
        }
        Pooling.maxPool2x2Row(x, top, width, ow, outW, y, argmax, out);
      }
    }
  }
}
