package dev.handwritten.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API matrix product; {@link Gemm} has the contract. Loaded only when the JVM has {@code
 * jdk.incubator.vector}.
 *
 * <p>Register tiling: a tile of C of 6 rows by 2 vectors (16 floats with AVX2, 32 with AVX-512)
 * lives in 12 accumulator registers while the loop runs over the inner dimension; each step loads
 * two vectors of B, broadcasts 6 elements of A and issues 12 fused multiply-adds. Measured on
 * conv2's products for a chunk of 4 images, best of 600 calls: 63-71 GFLOP/s, against 51-58 with
 * the 4-row tile this replaced (8 accumulators). Rows left over use 4-row and 1-row tiles.
 *
 * <p>Packing: for each block of {@code KC} rows, op(B) is first copied into contiguous, zero-padded
 * panels of 2 vectors' width, which stay in cache while each strip of rows of A, kept in L1, passes
 * over all of them. This one copy serves three purposes: B is read sequentially whatever its
 * layout, {@code A * B^T} (weight gradients, dense forward) needs no separate transpose, and the
 * last, partial columns need no masked loads (which are emulated, and slow, where the hardware has
 * no masks, as with AVX2). The copy is {@code k*n} floats against {@code m*n*k} multiply-adds. The
 * scratch arrays are per thread, grown once and reused, so steady-state calls allocate nothing.
 *
 * <p>One exception: {@code A * B^T} narrower than a panel (a first convolution's weight gradient, a
 * dense layer with a few outputs) is a set of dot products of contiguous rows, computed as such.
 */
final class VectorGemm {
  // A static final species lets the JIT compile every vector operation to single instructions.
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  // Rows of B per packed panel: 256 x 2 vectors is 16 KB with AVX2, which stays in L1.
  private static final int KC = 256;
  // With a transposed A, a strip's 6 values for one step sit in one row of A and the next step's a
  // whole row further on, so a strip touches a cache line per step: half the depth keeps the strip
  // (8 KB of lines) and its panel (8 KB) in L1 together. conv2's weight gradient, chunk of 4
  // images: 52-62 against 41-56 GFLOP/s on average over 600 calls, alternated.
  private static final int KC_TRANSPOSED_A = 128;
  // Columns of B per packed block: KC x NC floats is 256 KB, a quarter of this machine's L2.
  private static final int NC = 256;
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
    if (!transA && transB && n < 2 * V) {
      dotProducts(m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
      return;
    }
    Scratch scratch = SCRATCH.get();
    // Element (i, p) of op(A) is a[aOffset + i * rowStride + p * colStride].
    int rowStride = transA ? 1 : k;
    int colStride = transA ? m : 1;
    int w = 2 * V;
    int panelsPerBlock = NC / w;
    // Rows in 6-row tiles; the rest in 4-row tiles, then single rows. Where 2 or 3 rows would be
    // left over, one 6-row tile fewer leaves 8 or 9, two 4-row tiles' worth: single rows issue
    // only 2 multiply-adds per 3 loads (conv1's 32 filters: 24 + 8 rows, not 30 + 2).
    int leftOver = m % 6;
    int sixRowEnd = m - leftOver - (m >= 6 && (leftOver == 2 || leftOver == 3) ? 6 : 0);
    float[] packed = scratch.panel(panelsPerBlock * KC * w);
    float[] partialTile = scratch.tile(6 * w);
    int kc = transA ? KC_TRANSPOSED_A : KC;
    for (int j0 = 0; j0 < n; j0 += NC) {
      int panels = (Math.min(NC, n - j0) + w - 1) / w;
      for (int p0 = 0; p0 < k; p0 += kc) {
        int depth = Math.min(kc, k - p0);
        // The column panels of this block of B (at most KC x NC floats, 256 KB), read from L2 by
        // every strip of A. Splitting the depth changes no result: each element of C is stored
        // and reloaded between blocks, and the same multiply-adds run in the same order.
        for (int q = 0; q < panels; q++) {
          int j = j0 + q * w;
          packPanel(transB, b, bOffset, n, k, j, Math.min(w, n - j), p0, depth, packed, q * KC * w);
        }
        boolean add = accumulate || p0 > 0;
        int aBase = aOffset + p0 * colStride;
        // One strip of rows of A stays in L1 while it meets every panel.
        for (int i = 0; i < m; ) {
          int rows = i + 6 <= sixRowEnd ? 6 : m - i >= 4 ? 4 : 1;
          int a0 = aBase + i * rowStride;
          for (int q = 0; q < panels; q++) {
            int j = j0 + q * w;
            int width = Math.min(w, n - j);
            int b0 = q * KC * w;
            if (width == w) {
              tile(
                  rows,
                  a,
                  a0,
                  rowStride,
                  colStride,
                  packed,
                  b0,
                  depth,
                  c,
                  cOffset + i * n + j,
                  n,
                  add);
            } else {
              // A partial panel: the full tile into scratch, then only its real columns into C.
              tile(rows, a, a0, rowStride, colStride, packed, b0, depth, partialTile, 0, w, false);
              copyOut(partialTile, rows, width, c, cOffset + i * n + j, n, add);
            }
          }
          i += rows;
        }
      }
    }
  }

  /** C[rows x 2V] (+)= A[rows x k] * B[k x 2V] with the register tile for 6, 4 or 1 rows. */
  private static void tile(
      int rows,
      float[] a,
      int a0,
      int rowStride,
      int colStride,
      float[] b,
      int b0,
      int k,
      float[] c,
      int c0,
      int ldc,
      boolean accumulate) {
    switch (rows) {
      case 6 -> tile6x2(a, a0, rowStride, colStride, b, b0, k, c, c0, ldc, accumulate);
      case 4 -> tile4x2(a, a0, rowStride, colStride, b, b0, k, c, c0, ldc, accumulate);
      case 1 -> tile1x2(a, a0, colStride, b, b0, k, c, c0, accumulate);
      default -> throw new IllegalArgumentException("no register tile of " + rows + " rows");
    }
  }

  /**
   * Copies columns {@code j .. j+width} and rows {@code p0 .. p0+depth} of op(B) into a contiguous
   * panel {@code [depth, 2V]}, zero-padding a partial panel: the kernel then reads B sequentially
   * from L1, whatever B's layout, and needs no masked loads for the last columns.
   */
  private static void packPanel(
      boolean transB,
      float[] b,
      int bOffset,
      int n,
      int k,
      int j,
      int width,
      int p0,
      int depth,
      float[] panel,
      int panelOffset) {
    int w = 2 * V;
    if (width < w) {
      java.util.Arrays.fill(panel, panelOffset, panelOffset + depth * w, 0f);
    }
    if (!transB && width == w) {
      // Two vector loads and stores per row: System.arraycopy's call costs more than 16 floats.
      for (int p = 0; p < depth; p++) {
        int from = bOffset + (p0 + p) * n + j;
        int to = panelOffset + p * w;
        FloatVector.fromArray(S, b, from).intoArray(panel, to);
        FloatVector.fromArray(S, b, from + V).intoArray(panel, to + V);
      }
    } else if (!transB) {
      for (int p = 0; p < depth; p++) {
        System.arraycopy(b, bOffset + (p0 + p) * n + j, panel, panelOffset + p * w, width);
      }
    } else {
      // op(B)[p][q] = b[q * k + p]: 8 x 8 blocks transposed through registers, then the columns
      // and rows that do not fill a block one value at a time. conv2's forward packs its whole
      // weight so on every call (288 x 64: measured 4.6 us a call element by element).
      int q = 0;
      if (VectorIm2row.NATIVE) {
        for (; q + 8 <= width; q += 8) {
          int row = bOffset + (j + q) * k + p0;
          int p = 0;
          for (; p + 8 <= depth; p += 8) {
            VectorIm2row.block(b, row + p, k, panel, panelOffset + p * w + q, w);
          }
          scatterColumns(b, row, k, p, depth, 8, panel, panelOffset + q, w);
        }
      }
      scatterColumns(
          b, bOffset + (j + q) * k + p0, k, 0, depth, width - q, panel, panelOffset + q, w);
    }
  }

  /**
   * Rows {@code from .. to} of {@code columns} stored rows of B (each {@code k} long, the first at
   * {@code row}) down as many columns of the panel (rows {@code w} apart, the first at {@code at}).
   */
  private static void scatterColumns(
      float[] b, int row, int k, int from, int to, int columns, float[] panel, int at, int w) {
    for (int q = 0; q < columns; q++) {
      int stored = row + q * k;
      for (int p = from; p < to; p++) {
        panel[at + p * w + q] = b[stored + p];
      }
    }
  }

  /** C[rows x width] (+)= tile[rows x 2V], for a partial panel. */
  private static void copyOut(
      float[] tile, int rows, int width, float[] c, int c0, int ldc, boolean accumulate) {
    for (int r = 0; r < rows; r++) {
      for (int q = 0; q < width; q++) {
        int at = c0 + r * ldc + q;
        c[at] = accumulate ? c[at] + tile[r * 2 * V + q] : tile[r * 2 * V + q];
      }
    }
  }

  /**
   * C[4 x 2V] (+)= A[4 x k] * B[k x 2V]; {@code b} and {@code c} point at the tile's corner, and
   * {@code ldc} is the row length of C. For the 4 or 5 rows left over after the 6-row tiles.
   */
  private static void tile4x2(
      float[] a,
      int a0,
      int rowStride,
      int colStride,
      float[] b,
      int b0,
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
      int bp = b0 + p * 2 * V;
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

  /**
   * C[6 x 2V] (+)= A[6 x k] * B[k x 2V], as {@link #tile4x2} with two more rows: 12 accumulators, 2
   * vectors of B and a broadcast fill 15 of AVX2's 16 vector registers, and each step issues 12
   * multiply-adds for 8 loads instead of 8 for 6.
   */
  private static void tile6x2(
      float[] a,
      int a0,
      int rowStride,
      int colStride,
      float[] b,
      int b0,
      int k,
      float[] c,
      int c0,
      int ldc,
      boolean accumulate) {
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
    if (accumulate) {
      c00 = FloatVector.fromArray(S, c, c0);
      c01 = FloatVector.fromArray(S, c, c0 + V);
      c10 = FloatVector.fromArray(S, c, c0 + ldc);
      c11 = FloatVector.fromArray(S, c, c0 + ldc + V);
      c20 = FloatVector.fromArray(S, c, c0 + 2 * ldc);
      c21 = FloatVector.fromArray(S, c, c0 + 2 * ldc + V);
      c30 = FloatVector.fromArray(S, c, c0 + 3 * ldc);
      c31 = FloatVector.fromArray(S, c, c0 + 3 * ldc + V);
      c40 = FloatVector.fromArray(S, c, c0 + 4 * ldc);
      c41 = FloatVector.fromArray(S, c, c0 + 4 * ldc + V);
      c50 = FloatVector.fromArray(S, c, c0 + 5 * ldc);
      c51 = FloatVector.fromArray(S, c, c0 + 5 * ldc + V);
    } else {
      c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
    }
    int r1 = rowStride,
        r2 = 2 * rowStride,
        r3 = 3 * rowStride,
        r4 = 4 * rowStride,
        r5 = 5 * rowStride;
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * 2 * V;
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
      x = FloatVector.broadcast(S, a[ap + r4]);
      c40 = x.fma(b0v, c40);
      c41 = x.fma(b1v, c41);
      x = FloatVector.broadcast(S, a[ap + r5]);
      c50 = x.fma(b0v, c50);
      c51 = x.fma(b1v, c51);
    }
    c00.intoArray(c, c0);
    c01.intoArray(c, c0 + V);
    c10.intoArray(c, c0 + ldc);
    c11.intoArray(c, c0 + ldc + V);
    c20.intoArray(c, c0 + 2 * ldc);
    c21.intoArray(c, c0 + 2 * ldc + V);
    c30.intoArray(c, c0 + 3 * ldc);
    c31.intoArray(c, c0 + 3 * ldc + V);
    c40.intoArray(c, c0 + 4 * ldc);
    c41.intoArray(c, c0 + 4 * ldc + V);
    c50.intoArray(c, c0 + 5 * ldc);
    c51.intoArray(c, c0 + 5 * ldc + V);
  }

  /** One row of C against 2 vectors of columns: the rows left over after the 4-row tiles. */
  private static void tile1x2(
      float[] a,
      int a0,
      int colStride,
      float[] b,
      int b0,
      int k,
      float[] c,
      int c0,
      boolean accumulate) {
    FloatVector c0v = accumulate ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
    FloatVector c1v = accumulate ? FloatVector.fromArray(S, c, c0 + V) : FloatVector.zero(S);
    for (int p = 0; p < k; p++) {
      int bp = b0 + p * 2 * V;
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * colStride]);
      c0v = x.fma(FloatVector.fromArray(S, b, bp), c0v);
      c1v = x.fma(FloatVector.fromArray(S, b, bp + V), c1v);
    }
    c0v.intoArray(c, c0);
    c1v.intoArray(c, c0 + V);
  }

  /**
   * C (+)= A * B^T for a C narrower than one panel (n < 2V): every element is the dot product of a
   * row of A and a row of B, both contiguous, so the kernel runs down the rows themselves, 3 of A
   * against 3 of B (9 accumulators, 6 loads per 9 multiply-adds), with no packing and no padded
   * columns. The panel path would pack B transposed and waste most of each panel: conv1's weight
   * gradient ({@code [32, 676] x [676, 9]} per sample) ran at 16-20 GFLOP/s there. Each sum is
   * taken lane-wise and then across lanes, so it rounds differently from the panel path's
   * one-lane-per-element sums, by float tolerance.
   */
  private static void dotProducts(
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
    float[] lanes = SCRATCH.get().tile(V);
    int i = 0;
    for (; i + 3 <= m; i += 3) {
      int j = 0;
      for (; j + 3 <= n; j += 3) {
        dot3x3(
            k,
            a,
            aOffset + i * k,
            b,
            bOffset + j * k,
            c,
            cOffset + i * n + j,
            n,
            accumulate,
            lanes);
      }
      for (; j < n; j++) {
        dot3x1(
            k,
            a,
            aOffset + i * k,
            b,
            bOffset + j * k,
            c,
            cOffset + i * n + j,
            n,
            accumulate,
            lanes);
      }
    }
    for (; i < m; i++) {
      int j = 0;
      for (; j + 3 <= n; j += 3) {
        dot1x3(
            k, a, aOffset + i * k, b, bOffset + j * k, c, cOffset + i * n + j, accumulate, lanes);
      }
      for (; j < n; j++) {
        dot(k, a, aOffset + i * k, b, bOffset + j * k, c, cOffset + i * n + j, accumulate, lanes);
      }
    }
  }

  /**
   * Row {@code a0} of A against rows {@code b0..} of B: 3 elements of C side by side, for the rows
   * left over after the 3 x 3 blocks (a single image's dense layer is all such a row). Three
   * independent sums keep the multiply-adds from waiting on each other's latency, as one {@link
   * #dot} after another did (dense forward, batch 1: measured below); each element's arithmetic is
   * that of {@link #dot3x3}, so an image's answer does not depend on its place in the batch.
   */
  private static void dot1x3(
      int k,
      float[] a,
      int a0,
      float[] b,
      int b0,
      float[] c,
      int c0,
      boolean accumulate,
      float[] lanes) {
    FloatVector s0, s1, s2;
    s0 = s1 = s2 = FloatVector.zero(S);
    int b1 = b0 + k;
    int b2 = b1 + k;
    int p = 0;
    for (; p + V <= k; p += V) {
      FloatVector x = FloatVector.fromArray(S, a, a0 + p);
      s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
      s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
      s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
    }
    finish(s0, k, p, a, a0, b, b0, c, c0, accumulate, lanes);
    finish(s1, k, p, a, a0, b, b1, c, c0 + 1, accumulate, lanes);
    finish(s2, k, p, a, a0, b, b2, c, c0 + 2, accumulate, lanes);
  }

  /**
   * Rows {@code a0..} of A against row {@code b0} of B: a column of 3 elements, as {@link #dot1x3}.
   */
  private static void dot3x1(
      int k,
      float[] a,
      int a0,
      float[] b,
      int b0,
      float[] c,
      int c0,
      int ldc,
      boolean accumulate,
      float[] lanes) {
    FloatVector s0, s1, s2;
    s0 = s1 = s2 = FloatVector.zero(S);
    int a1 = a0 + k;
    int a2 = a1 + k;
    int p = 0;
    for (; p + V <= k; p += V) {
      FloatVector y = FloatVector.fromArray(S, b, b0 + p);
      s0 = FloatVector.fromArray(S, a, a0 + p).fma(y, s0);
      s1 = FloatVector.fromArray(S, a, a1 + p).fma(y, s1);
      s2 = FloatVector.fromArray(S, a, a2 + p).fma(y, s2);
    }
    finish(s0, k, p, a, a0, b, b0, c, c0, accumulate, lanes);
    finish(s1, k, p, a, a1, b, b0, c, c0 + ldc, accumulate, lanes);
    finish(s2, k, p, a, a2, b, b0, c, c0 + 2 * ldc, accumulate, lanes);
  }

  /** The 3 x 3 block of C at {@code c0}: rows {@code a0..} of A against rows {@code b0..} of B. */
  private static void dot3x3(
      int k,
      float[] a,
      int a0,
      float[] b,
      int b0,
      float[] c,
      int c0,
      int ldc,
      boolean accumulate,
      float[] lanes) {
    FloatVector s00, s01, s02, s10, s11, s12, s20, s21, s22;
    s00 = s01 = s02 = s10 = s11 = s12 = s20 = s21 = s22 = FloatVector.zero(S);
    int a1 = a0 + k;
    int a2 = a1 + k;
    int b1 = b0 + k;
    int b2 = b1 + k;
    int p = 0;
    for (; p + V <= k; p += V) {
      FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
      FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
      FloatVector x2 = FloatVector.fromArray(S, a, a2 + p);
      FloatVector y = FloatVector.fromArray(S, b, b0 + p);
      s00 = x0.fma(y, s00);
      s10 = x1.fma(y, s10);
      s20 = x2.fma(y, s20);
      y = FloatVector.fromArray(S, b, b1 + p);
      s01 = x0.fma(y, s01);
      s11 = x1.fma(y, s11);
      s21 = x2.fma(y, s21);
      y = FloatVector.fromArray(S, b, b2 + p);
      s02 = x0.fma(y, s02);
      s12 = x1.fma(y, s12);
      s22 = x2.fma(y, s22);
    }
    // Nine calls rather than a loop over an array: vectors stored in an array would be boxed.
    finish(s00, k, p, a, a0, b, b0, c, c0, accumulate, lanes);
    finish(s01, k, p, a, a0, b, b1, c, c0 + 1, accumulate, lanes);
    finish(s02, k, p, a, a0, b, b2, c, c0 + 2, accumulate, lanes);
    finish(s10, k, p, a, a1, b, b0, c, c0 + ldc, accumulate, lanes);
    finish(s11, k, p, a, a1, b, b1, c, c0 + ldc + 1, accumulate, lanes);
    finish(s12, k, p, a, a1, b, b2, c, c0 + ldc + 2, accumulate, lanes);
    finish(s20, k, p, a, a2, b, b0, c, c0 + 2 * ldc, accumulate, lanes);
    finish(s21, k, p, a, a2, b, b1, c, c0 + 2 * ldc + 1, accumulate, lanes);
    finish(s22, k, p, a, a2, b, b2, c, c0 + 2 * ldc + 2, accumulate, lanes);
  }

  /** Adds the lanes of {@code sum}, then the products from {@code p} on, into {@code c[at]}. */
  private static void finish(
      FloatVector sum,
      int k,
      int p,
      float[] a,
      int ar,
      float[] b,
      int bq,
      float[] c,
      int at,
      boolean accumulate,
      float[] lanes) {
    float total = sumLanes(sum, lanes);
    for (int t = p; t < k; t++) {
      total = Math.fma(a[ar + t], b[bq + t], total);
    }
    c[at] = accumulate ? c[at] + total : total;
  }

  /**
   * One element of C at {@code at}: the dot product of rows {@code a0} of A and {@code b0} of B.
   */
  private static void dot(
      int k,
      float[] a,
      int a0,
      float[] b,
      int b0,
      float[] c,
      int at,
      boolean accumulate,
      float[] lanes) {
    FloatVector acc = FloatVector.zero(S);
    int p = 0;
    for (; p + V <= k; p += V) {
      acc = FloatVector.fromArray(S, a, a0 + p).fma(FloatVector.fromArray(S, b, b0 + p), acc);
    }
    finish(acc, k, p, a, a0, b, b0, c, at, accumulate, lanes);
  }

  /**
   * The lanes of {@code v} added in lane order, through {@code lanes} ({@code V} floats). Not
   * {@code reduceLanes(ADD)}: the Vector API leaves its order of additions open, and the JIT's
   * intrinsic and the interpreter's fallback do use different orders, so the same product gave
   * different bits before and after compilation, and training runs stopped repeating.
   */
  private static float sumLanes(FloatVector v, float[] lanes) {
    v.intoArray(lanes, 0);
    float sum = 0;
    for (int l = 0; l < V; l++) {
      sum += lanes[l];
    }
    return sum;
  }

  /** Per-thread work arrays, grown on demand and then reused: no allocation in steady state. */
  private static final class Scratch {
    private float[] panel = new float[0];
    private float[] tile = new float[0];

    float[] panel(int size) {
      if (panel.length < size) {
        panel = new float[size];
      }
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
