package dev.handwritten.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API matrix product; {@link Gemm} has the contract. Loaded only when the JVM has {@code
 * jdk.incubator.vector}.
 *
 * <p>Register tiling: a tile of C of 4 rows by 2 vectors (32 floats with AVX-512) lives in 8
 * accumulator registers while the loop runs over the inner dimension; each step loads two vectors
 * of a row of B, broadcasts 4 elements of A and issues 8 fused multiply-adds. Columns are the outer
 * loop so that the panel of B a tile needs ({@code k} rows by 2 vectors) stays in L1 while every
 * row block of A passes over it. The last, partial columns are copied into a zero-padded panel.
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
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
    Scratch scratch = SCRATCH.get();
    if (transB) {
      float[] bt = scratch.transposed(k * n);
      transpose(b, bOffset, n, k, bt);
      b = bt;
      bOffset = 0;
    }
    // Element (i, p) of op(A) is a[aOffset + i * rowStride + p * colStride].
    int rowStride = transA ? 1 : k;
    int colStride = transA ? m : 1;
    int fullWidth = n - n % (2 * V);
    for (int j = 0; j < fullWidth; j += 2 * V) {
      int i = 0;
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
            n,
            accumulate);
      }
      for (; i < m; i++) {
        tile1x2(
            a,
            aOffset + i * rowStride,
            colStride,
            b,
            bOffset + j,
            n,
            k,
            c,
            cOffset + i * n + j,
            n,
            accumulate);
      }
    }
    if (fullWidth < n) {
      // The last columns, fewer than two vectors: copied into a zero-padded panel, so the same
      // unmasked kernel runs on them (masked vector operations are slow where the hardware has no
      // masks, as with AVX2), and the results copied out column by column.
      int width = n - fullWidth;
      float[] panel = scratch.panel(k * 2 * V);
      for (int p = 0; p < k; p++) {
        System.arraycopy(b, bOffset + p * n + fullWidth, panel, p * 2 * V, width);
      }
      float[] tile = scratch.tile(4 * 2 * V);
      int i = 0;
      for (; i < m; i += 4) {
        int rows = Math.min(4, m - i);
        if (rows == 4) {
          tile4x2(
              a,
              aOffset + i * rowStride,
              rowStride,
              colStride,
              panel,
              0,
              2 * V,
              k,
              tile,
              0,
              2 * V,
              false);
        } else {
          for (int r = 0; r < rows; r++) {
            tile1x2(
                a,
                aOffset + (i + r) * rowStride,
                colStride,
                panel,
                0,
                2 * V,
                k,
                tile,
                r * 2 * V,
                2 * V,
                false);
          }
        }
        for (int r = 0; r < rows; r++) {
          int row = cOffset + (i + r) * n + fullWidth;
          for (int q = 0; q < width; q++) {
            c[row + q] = accumulate ? c[row + q] + tile[r * 2 * V + q] : tile[r * 2 * V + q];
          }
        }
      }
    }
  }

  /**
   * C[4 x 2V] (+)= A[4 x k] * B[k x 2V]; {@code b} and {@code c} point at the tile's corner, and
   * {@code ldb}, {@code ldc} are the row lengths of B and C.
   */
  private static void tile4x2(
      float[] a,
      int a0,
      int rowStride,
      int colStride,
      float[] b,
      int b0,
      int ldb,
      int k,
      float[] c,
      int c0,
      int ldc,
      boolean accumulate) {
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
    if (accumulate) {
      c00 = FloatVector.fromArray(S, c, c0);
      c01 = FloatVector.fromArray(S, c, c0 + V);
      c10 = FloatVector.fromArray(S, c, c0 + ldc);
      c11 = FloatVector.fromArray(S, c, c0 + ldc + V);
      c20 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
      c21 = FloatVector.fromArray(S, c, c0 + 2 * ldc + V);
      c30 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
      c31 = FloatVector.fromArray(S, c, c0 + 3 * ldc + V);
    } else {
      c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
    }
    int r1 = rowStride;
    int r2 = 2 * rowStride;
    int r3 = 3 * rowStride;
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
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
    c10.intoArray(c, c0 + ldc);
    c11.intoArray(c, c0 + ldc + V);
    c20.intoArray(c, c0 + 2 * ldc);
    c21.intoArray(c, c0 + 2 * ldc + V);
    c30.intoArray(c, c0 + 3 * ldc);
    c31.intoArray(c, c0 + 3 * ldc + V);
  }

  /** One row of C against 2 vectors of columns: the rows left over after the 4-row tiles. */
  private static void tile1x2(
      float[] a,
      int a0,
      int colStride,
      float[] b,
      int b0,
      int ldb,
      int k,
      float[] c,
      int c0,
      int ldc,
      boolean accumulate) {
    FloatVector c0v = accumulate ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
    FloatVector c1v = accumulate ? FloatVector.fromArray(S, c, c0 + V) : FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * ldb;
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * colStride]);
      c0v = x.fma(FloatVector.fromArray(S, b, bp), c0v);
      c1v = x.fma(FloatVector.fromArray(S, b, bp + V), c1v);
    }
    c0v.intoArray(c, c0);
    c1v.intoArray(c, c0 + V);
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

  /** Per-thread work arrays, grown on demand and then reused: no allocation in steady state. */
  private static final class Scratch {
    private float[] transposed = new float[0];
    private float[] panel = new float[0];
    private float[] tile = new float[0];

    float[] transposed(int size) {
      if (transposed.length < size) {
        transposed = new float[size];
      }
      return transposed;
    }

    float[] panel(int size) {
      if (panel.length < size) {
        panel = new float[size];
      }
      java.util.Arrays.fill(panel, 0, size, 0f);
      return panel;
    }

    float[] tile(int size) {
      if (tile.length < size) {
        tile = new float[size];
      }
      return tile;
    }
  }
}
