package dev.handwritten.kernels;

/**
 * General matrix product {@code C (+)= op(A) * op(B)} on row-major float arrays, where {@code
 * op(A)} is {@code m x k} and {@code op(B)} is {@code k x n}. {@code transA} means A is stored as
 * its transpose ({@code k x m}); {@code transB} likewise ({@code n x k}). These are the three
 * products backprop needs: forward {@code W * X}, weight gradient {@code dY * X^T}, input gradient
 * {@code W^T * dY}.
 *
 * <p>Layers call {@link #multiply} and {@link #multiplyAdd} on {@link Mat} views, which read like
 * the formula; {@link #gemm} takes the same product as the twelve numbers a BLAS would. {@link
 * #gemm} runs the Vector API kernel when the JVM has {@code jdk.incubator.vector} (see {@link
 * KernelPath}), and the portable scalar loops otherwise; both are tested against {@link
 * #gemmNaive}.
 */
public final class Gemm {
  private Gemm() {}

  /**
   * {@code c = a * b}.
   *
   * @throws IllegalArgumentException if the shapes do not chain ({@code a.cols != b.rows}, or
   *     {@code c} is not {@code a.rows x b.cols}), or {@code c} is a transposed view
   */
  public static void multiply(Mat a, Mat b, Mat c) {
    product(a, b, c, false);
  }

  /**
   * {@code c += a * b}.
   *
   * @throws IllegalArgumentException as {@link #multiply} does
   */
  public static void multiplyAdd(Mat a, Mat b, Mat c) {
    product(a, b, c, true);
  }

  private static void product(Mat a, Mat b, Mat c, boolean accumulate) {
    if (a.cols() != b.rows() || c.rows() != a.rows() || c.cols() != b.cols() || c.transposed()) {
      throw new IllegalArgumentException(
          "Gemm: cannot write " + a + " * " + b + " into " + c + " (shapes do not chain)");
    }
    gemm(
        a.transposed(),
        b.transposed(),
        c.rows(),
        c.cols(),
        a.cols(),
        a.data(),
        a.offset(),
        b.data(),
        b.offset(),
        c.data(),
        c.offset(),
        accumulate);
  }

  /**
   * {@code C[m x n] = op(A) * op(B)}, or {@code C += op(A) * op(B)} if {@code accumulate}.
   *
   * @param a {@code [m, k]}, or {@code [k, m]} if {@code transA}, starting at {@code aOffset}
   * @param b {@code [k, n]}, or {@code [n, k]} if {@code transB}, starting at {@code bOffset}
   * @param c {@code [m, n]} starting at {@code cOffset}
   */
  public static void gemm(
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
    if (KernelPath.VECTORIZED) {
      VectorGemm.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
    } else {
      ScalarGemm.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
    }
  }

  /** The scalar path of {@link #gemm}, whatever the JVM supports: for tests and benchmarks. */
  public static void gemmScalar(
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
    ScalarGemm.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
  }

  /**
   * The naive twin of {@link #gemm}: the textbook triple loop, accumulating in double. Tests use it
   * as the oracle; nothing else should.
   */
  public static void gemmNaive(
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
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = accumulate ? c[cOffset + i * n + j] : 0;
        for (int p = 0; p < k; p++) {
          float aip = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
          float bpj = transB ? b[bOffset + j * k + p] : b[bOffset + p * n + j];
          sum += (double) aip * bpj;
        }
        c[cOffset + i * n + j] = (float) sum;
      }
    }
  }
}
