package dev.handwritten.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API matrix product; {@link Gemm} has the contract. Loaded only when the JVM has {@code
 * jdk.incubator.vector}.
 *
 * <p>Register tiling: a tile of C of 4 rows by 2 vectors (32 floats with AVX-512) lives in 8
 * accumulator registers while the loop runs over the inner dimension; each step loads two vectors
 * of a row of B, broadcasts 4 elements of A and issues 8 fused multiply-adds. Columns are the outer
 * loop so that the panel of B a tile needs ({@code k} rows by 2 vectors) stays in L1 while every
 * row block of A passes over it. The last, partial columns use masked loads and stores.
 *
 * <p>{@code A * B^T} (weight gradients, dense forward) is turned into the same kernel by
 * transposing B into a per-thread scratch array first: a copy of {@code n*k} floats against {@code
 * m*n*k} multiply-adds. The scratch grows once and is then reused, so steady-state calls allocate
 * nothing.
 */
final class VectorGemm {
  // A static final species lets the JIT compile every vector operation to single instructions.
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[1][0]);

  private VectorGemm() {}

  static int lanes() {
    return V;
  }

  static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float[] a,
      int aOffset,
      float[] b,
      int bOffset,
      float[] c,
      int cOffset,
      boolean accumulate) {
    if (transB) {
      float[] bt = scratch(k * n);
      transpose(b, bOffset, n, k, bt);
      b = bt;
      bOffset = 0;
    }
    // Element (i, p) of op(A) is a[aOffset + i * rowStride + p * colStride].
    int rowStride = transA ? 1 : k;
    int colStride = transA ? m : 1;
    for (int j = 0; j < n; j += 2 * V) {
      int width = Math.min(2 * V, n - j);
      int i = 0;
      if (width == 2 * V) {
        for (; i + 3 < m; i += 4) {
          tile4x2(
              a,
              aOffset + i * rowStride,
              rowStride,
              colStride,
              b,
              bOffset + j,
              n,
              k,
              c,
              cOffset + i * n + j,
              accumulate);
        }
      } else {
        VectorMask<Float> m0 = S.indexInRange(0, width);
        VectorMask<Float> m1 = S.indexInRange(V, width);
        for (; i + 3 < m; i += 4) {
          tile4x2Masked(
              a,
              aOffset + i * rowStride,
              rowStride,
              colStride,
              b,
              bOffset + j,
              n,
              k,
              c,
              cOffset + i * n + j,
              accumulate,
              m0,
              m1);
        }
      }
      VectorMask<Float> m0 = S.indexInRange(0, width);
      VectorMask<Float> m1 = S.indexInRange(V, width);
      for (; i < m; i++) {
        tile1x2Masked(
            a,
            aOffset + i * rowStride,
            colStride,
            b,
            bOffset + j,
            n,
            k,
            c,
            cOffset + i * n + j,
            accumulate,
            m0,
            m1);
      }
    }
  }

  /** C[4 x 2V] (+)= A[4 x k] * B[k x 2V]; {@code b} and {@code c} point at the tile's corner. */
  private static void tile4x2(
      float[] a,
      int a0,
      int rowStride,
      int colStride,
      float[] b,
      int b0,
      int n,
      int k,
      float[] c,
      int c0,
      boolean accumulate) {
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
    if (accumulate) {
      c00 = FloatVector.fromArray(S, c, c0);
      c01 = FloatVector.fromArray(S, c, c0 + V);
      c10 = FloatVector.fromArray(S, c, c0 + n);
      c11 = FloatVector.fromArray(S, c, c0 + n + V);
      c20 = FloatVector.fromArray(S, c, c0 + 2 * n);
      c21 = FloatVector.fromArray(S, c, c0 + 2 * n + V);
      c30 = FloatVector.fromArray(S, c, c0 + 3 * n);
      c31 = FloatVector.fromArray(S, c, c0 + 3 * n + V);
    } else {
      c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
    }
    int r1 = rowStride;
    int r2 = 2 * rowStride;
    int r3 = 3 * rowStride;
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * n;
      FloatVector b0v = FloatVector.fromArray(S, b, bp);
      FloatVector b1v = FloatVector.fromArray(S, b, bp + V);
      int ap = a0 + p * colStride;
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = x.fma(b0v, c00);
      c01 = x.fma(b1v, c01);
      x = FloatVector.broadcast(S, a[ap + r1]);
      c10 = x.fma(b0v, c10);
      c11 = x.fma(b1v, c11);
      x = FloatVector.broadcast(S, a[ap + r2]);
      c20 = x.fma(b0v, c20);
      c21 = x.fma(b1v, c21);
      x = FloatVector.broadcast(S, a[ap + r3]);
      c30 = x.fma(b0v, c30);
      c31 = x.fma(b1v, c31);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + V);
    c10.intoArray(c, c0 + n);
    c11.intoArray(c, c0 + n + V);
    c20.intoArray(c, c0 + 2 * n);
    c21.intoArray(c, c0 + 2 * n + V);
    c30.intoArray(c, c0 + 3 * n);
    c31.intoArray(c, c0 + 3 * n + V);
  }

  /** As {@link #tile4x2} for the last, partial columns: lanes outside the masks are untouched. */
  private static void tile4x2Masked(
      float[] a,
      int a0,
      int rowStride,
      int colStride,
      float[] b,
      int b0,
      int n,
      int k,
      float[] c,
      int c0,
      boolean accumulate,
      VectorMask<Float> m0,
      VectorMask<Float> m1) {
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
    if (accumulate) {
      c00 = FloatVector.fromArray(S, c, c0, m0);
      c01 = FloatVector.fromArray(S, c, c0 + V, m1);
      c10 = FloatVector.fromArray(S, c, c0 + n, m0);
      c11 = FloatVector.fromArray(S, c, c0 + n + V, m1);
      c20 = FloatVector.fromArray(S, c, c0 + 2 * n, m0);
      c21 = FloatVector.fromArray(S, c, c0 + 2 * n + V, m1);
      c30 = FloatVector.fromArray(S, c, c0 + 3 * n, m0);
      c31 = FloatVector.fromArray(S, c, c0 + 3 * n + V, m1);
    } else {
      c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
    }
    int r1 = rowStride;
    int r2 = 2 * rowStride;
    int r3 = 3 * rowStride;
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * n;
      FloatVector b0v = FloatVector.fromArray(S, b, bp, m0);
      FloatVector b1v = FloatVector.fromArray(S, b, bp + V, m1);
      int ap = a0 + p * colStride;
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = x.fma(b0v, c00);
      c01 = x.fma(b1v, c01);
      x = FloatVector.broadcast(S, a[ap + r1]);
      c10 = x.fma(b0v, c10);
      c11 = x.fma(b1v, c11);
      x = FloatVector.broadcast(S, a[ap + r2]);
      c20 = x.fma(b0v, c20);
      c21 = x.fma(b1v, c21);
      x = FloatVector.broadcast(S, a[ap + r3]);
      c30 = x.fma(b0v, c30);
      c31 = x.fma(b1v, c31);
    }
    c00.intoArray(c, c0, m0);
    c01.intoArray(c, c0 + V, m1);
    c10.intoArray(c, c0 + n, m0);
    c11.intoArray(c, c0 + n + V, m1);
    c20.intoArray(c, c0 + 2 * n, m0);
    c21.intoArray(c, c0 + 2 * n + V, m1);
    c30.intoArray(c, c0 + 3 * n, m0);
    c31.intoArray(c, c0 + 3 * n + V, m1);
  }

  /**
   * One row of C against 2 vectors of columns, masked: the rows left over after the 4-row tiles.
   */
  private static void tile1x2Masked(
      float[] a,
      int a0,
      int colStride,
      float[] b,
      int b0,
      int n,
      int k,
      float[] c,
      int c0,
      boolean accumulate,
      VectorMask<Float> m0,
      VectorMask<Float> m1) {
    FloatVector c0v = accumulate ? FloatVector.fromArray(S, c, c0, m0) : FloatVector.zero(S);
    FloatVector c1v = accumulate ? FloatVector.fromArray(S, c, c0 + V, m1) : FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * n;
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * colStride]);
      c0v = x.fma(FloatVector.fromArray(S, b, bp, m0), c0v);
      c1v = x.fma(FloatVector.fromArray(S, b, bp + V, m1), c1v);
    }
    c0v.intoArray(c, c0, m0);
    c1v.intoArray(c, c0 + V, m1);
  }

  /** out[k x n] = transpose of src[n x k] starting at offset. */
  private static void transpose(float[] src, int offset, int n, int k, float[] out) {
    // Blocks of 16 x 16 keep both the reads and the writes within a few cache lines.
    for (int j0 = 0; j0 < n; j0 += 16) {
      int j1 = Math.min(n, j0 + 16);
      for (int p0 = 0; p0 < k; p0 += 16) {
        int p1 = Math.min(k, p0 + 16);
        for (int j = j0; j < j1; j++) {
          int row = offset + j * k;
          for (int p = p0; p < p1; p++) {
            out[p * n + j] = src[row + p];
          }
        }
      }
    }
  }

  private static float[] scratch(int size) {
    float[][] holder = SCRATCH.get();
    if (holder[0].length < size) {
      holder[0] = new float[size];
    }
    return holder[0];
  }
}
