package dev.handwritten.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels of {@link Im2row}: its transpose, 8 x 8 blocks at a time through
 * registers, and the row adds of {@link Im2row#row2im}. Loaded only when the JVM has {@code
 * jdk.incubator.vector}.
 *
 * <p>Transpose: eight rows are loaded as eight vectors. Three rounds of interleaving turn them into
 * the eight columns: each round pairs vector {@code k} with vector {@code k + 4} and zips the
 * pair's lower halves ({@code a0 b0 a1 b1 ...}) into one vector and their upper halves into
 * another. After the third round, vector {@code k} holds lane {@code k} of every row, that is
 * column {@code k}. The values are only moved, never computed, so the result is exactly the scalar
 * loop's. The ends that do not fill a block go through the scalar loop. Why: the convolution's
 * layout changes (image to channels-last, product to channels-first, and back for the gradients)
 * move every activation of the second convolution four times per step; element by element each move
 * cost about 1 ns per float, through registers about 0.4 (measured on the reference CNN's shapes,
 * chunk of 4: 30 against 12 us for [121, 64], 21 against 8.5 us for [32, 169]). The block is 8 wide
 * whatever the machine's vectors, because the unrolled rounds are written for 8 lanes; machines
 * with 256-bit vectors or wider run them natively.
 *
 * <p>Row adds: {@code row2im} adds each patch back as a few runs of {@code K*C} floats (96 for the
 * reference CNN's conv2). The JIT vectorizes such a loop too, but sets it up anew for every short
 * run; an explicit vector loop does not (measured, conv2's row2im for a chunk of 4: 76 against 21
 * us). Each element gets the same single addition either way, so results are identical.
 */
final class VectorIm2row {
  // The transpose: 8 lanes, as its unrolled rounds are written.
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int V = 8;
  // Zips two vectors: lane 2k from the first's lane k, lane 2k+1 from the second's (index V + k).
  private static final VectorShuffle<Float> ZIP_LOW =
      VectorShuffle.fromOp(S, k -> k % 2 == 0 ? k / 2 : V + k / 2);
  private static final VectorShuffle<Float> ZIP_HIGH =
      VectorShuffle.fromOp(S, k -> k % 2 == 0 ? V / 2 + k / 2 : V + V / 2 + k / 2);

  // The adds: the machine's widest vectors, a static final constant like every species here.
  private static final VectorSpecies<Float> P = FloatVector.SPECIES_PREFERRED;

  /** Whether this machine's vectors are at least 256 bits wide, so that the blocks run natively. */
  static final boolean NATIVE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;

  private VectorIm2row() {}

  /** As {@link Im2row#transposeSamples}: each sample's {@code [a, b]} to {@code [b, a]}. */
  static void transposeSamples(float[] in, int samples, int a, int b, float[] out) {
    for (int s = 0; s < samples; s++) {
      int base = s * a * b;
      int i0 = 0;
      for (; i0 + V <= a; i0 += V) {
        int j0 = 0;
        for (; j0 + V <= b; j0 += V) {
          block(in, base + i0 * b + j0, b, out, base + j0 * a + i0, a);
        }
        Im2row.transposeBlock(in, base, a, b, i0, i0 + V, j0, b, out);
      }
      Im2row.transposeBlock(in, base, a, b, i0, a, 0, b, out);
    }
  }

  /** {@code to[toOffset + i] += from[fromOffset + i]} for {@code i < length}. */
  static void add(float[] from, int fromOffset, float[] to, int toOffset, int length) {
    int i = 0;
    for (; i + P.length() <= length; i += P.length()) {
      FloatVector.fromArray(P, to, toOffset + i)
          .add(FloatVector.fromArray(P, from, fromOffset + i))
          .intoArray(to, toOffset + i);
    }
    for (; i < length; i++) {
      to[toOffset + i] += from[fromOffset + i];
    }
  }

  /**
   * The 8 x 8 block at {@code in[from]} (rows {@code inStride} apart) to {@code out[to]},
   * transposed (rows {@code outStride} apart). Also packs a transposed B for {@link VectorGemm}.
   */
  static void block(float[] in, int from, int inStride, float[] out, int to, int outStride) {
    FloatVector r0 = FloatVector.fromArray(S, in, from);
    FloatVector r1 = FloatVector.fromArray(S, in, from + inStride);
    FloatVector r2 = FloatVector.fromArray(S, in, from + 2 * inStride);
    FloatVector r3 = FloatVector.fromArray(S, in, from + 3 * inStride);
    FloatVector r4 = FloatVector.fromArray(S, in, from + 4 * inStride);
    FloatVector r5 = FloatVector.fromArray(S, in, from + 5 * inStride);
    FloatVector r6 = FloatVector.fromArray(S, in, from + 6 * inStride);
    FloatVector r7 = FloatVector.fromArray(S, in, from + 7 * inStride);
    // Round 1: lanes now hold (row k, row k+4) pairs.
    FloatVector a0 = r0.rearrange(ZIP_LOW, r4);
    FloatVector a1 = r0.rearrange(ZIP_HIGH, r4);
    FloatVector a2 = r1.rearrange(ZIP_LOW, r5);
    FloatVector a3 = r1.rearrange(ZIP_HIGH, r5);
    FloatVector a4 = r2.rearrange(ZIP_LOW, r6);
    FloatVector a5 = r2.rearrange(ZIP_HIGH, r6);
    FloatVector a6 = r3.rearrange(ZIP_LOW, r7);
    FloatVector a7 = r3.rearrange(ZIP_HIGH, r7);
    // Round 2: groups of four rows.
    FloatVector b0 = a0.rearrange(ZIP_LOW, a4);
    FloatVector b1 = a0.rearrange(ZIP_HIGH, a4);
    FloatVector b2 = a1.rearrange(ZIP_LOW, a5);
    FloatVector b3 = a1.rearrange(ZIP_HIGH, a5);
    FloatVector b4 = a2.rearrange(ZIP_LOW, a6);
    FloatVector b5 = a2.rearrange(ZIP_HIGH, a6);
    FloatVector b6 = a3.rearrange(ZIP_LOW, a7);
    FloatVector b7 = a3.rearrange(ZIP_HIGH, a7);
    // Round 3: all eight rows, in order; vector k is column k.
    b0.rearrange(ZIP_LOW, b4).intoArray(out, to);
    b0.rearrange(ZIP_HIGH, b4).intoArray(out, to + outStride);
    b1.rearrange(ZIP_LOW, b5).intoArray(out, to + 2 * outStride);
    b1.rearrange(ZIP_HIGH, b5).intoArray(out, to + 3 * outStride);
    b2.rearrange(ZIP_LOW, b6).intoArray(out, to + 4 * outStride);
    b2.rearrange(ZIP_HIGH, b6).intoArray(out, to + 5 * outStride);
    b3.rearrange(ZIP_LOW, b7).intoArray(out, to + 6 * outStride);
    b3.rearrange(ZIP_HIGH, b7).intoArray(out, to + 7 * outStride);
  }
}
