package dev.handwritten.kernels;

/**
 * The portable scalar matrix product, used when the Vector API is not available; {@link Gemm} has
 * the contract. It is written so that the JIT's auto-vectorizer can use SIMD on its innermost
 * loops: the {@code j} loop of an {@code axpy} over a row of C is contiguous in both B and C. The
 * {@code A * B^T} case has no such loop (it is a set of dot products), so it accumulates four
 * columns at once to keep the floating-point pipeline busy.
 */
final class ScalarGemm {
  private ScalarGemm() {}

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
    if (!accumulate) {
      java.util.Arrays.fill(c, cOffset, cOffset + m * n, 0f);
    }
    if (transB) {
      gemmTransB(transA, m, n, k, a, aOffset, b, bOffset, c, cOffset);
      return;
    }
    // C[i, :] += op(A)[i, p] * B[p, :] for each p: an axpy over a contiguous row of B.
    int aRowStride = transA ? 1 : k;
    int aColStride = transA ? m : 1;
    for (int i = 0; i < m; i++) {
      int cRow = cOffset + i * n;
      for (int p = 0; p < k; p++) {
        float aip = a[aOffset + i * aRowStride + p * aColStride];
        int bRow = bOffset + p * n;
        for (int j = 0; j < n; j++) {
          c[cRow + j] += aip * b[bRow + j];
        }
      }
    }
  }

  /**
   * {@code C += op(A) * B^T}: dot products of rows of op(A) with rows of B, four columns at once.
   */
  private static void gemmTransB(
      boolean transA,
      int m,
      int n,
      int k,
      float[] a,
      int aOffset,
      float[] b,
      int bOffset,
      float[] c,
      int cOffset) {
    int aRowStride = transA ? 1 : k;
    int aColStride = transA ? m : 1;
    for (int i = 0; i < m; i++) {
      int aRow = aOffset + i * aRowStride;
      int cRow = cOffset + i * n;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        int b0 = bOffset + j * k;
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int p = 0; p < k; p++) {
          float aip = a[aRow + p * aColStride];
          s0 += aip * b[b0 + p];
          s1 += aip * b[b1 + p];
          s2 += aip * b[b2 + p];
          s3 += aip * b[b3 + p];
        }
        c[cRow + j] += s0;
        c[cRow + j + 1] += s1;
        c[cRow + j + 2] += s2;
        c[cRow + j + 3] += s3;
      }
      for (; j < n; j++) {
        int bRow = bOffset + j * k;
        float s = 0;
        for (int p = 0; p < k; p++) {
          s += a[aRow + p * aColStride] * b[bRow + p];
        }
        c[cRow + j] += s;
      }
    }
  }
}
