package dev.handwritten.kernels;

/**
 * A matrix seen in a row-major float array, as {@link Gemm#multiply} takes its operands: {@code
 * rows x cols} values starting at {@code offset}, or, if {@code transposed}, the transpose of the
 * {@code cols x rows} matrix stored there. A view copies nothing, so that a layer can write its
 * products like the formulas in its Javadoc:
 *
 * <pre>{@code
 * Mat rows = Mat.of(unfolded, positions, patch);         // [P, K*K*C]
 * Mat weight = Mat.of(kernelMajorWeight, channels, patch); // [OC, K*K*C]
 * Gemm.multiply(rows, weight.t(), outputByPosition);       // y^T = rows * W^T, [P, OC]
 * }</pre>
 *
 * @param data the backing array, shared with its owner
 * @param offset where the stored matrix starts in {@code data}
 * @param rows rows of the matrix seen (after transposing, if {@code transposed})
 * @param cols columns of the matrix seen
 * @param transposed whether {@code data} holds this matrix's transpose ({@code cols x rows})
 */
public record Mat(float[] data, int offset, int rows, int cols, boolean transposed) {
  /**
   * Checks that the view fits its array.
   *
   * @throws IllegalArgumentException if a size or the offset is negative, or the matrix runs past
   *     the end of {@code data}
   */
  public Mat {
    if (rows < 0 || cols < 0 || offset < 0) {
      throw new IllegalArgumentException(
          "Mat: sizes and offset must be >= 0, got " + rows + "x" + cols + " at " + offset);
    }
    if ((long) offset + (long) rows * cols > data.length) {
      throw new IllegalArgumentException(
          "Mat: "
              + rows
              + "x"
              + cols
              + " at offset "
              + offset
              + " runs past the end of an array of "
              + data.length);
    }
  }

  /** {@return the {@code rows x cols} matrix at the start of {@code data}} */
  public static Mat of(float[] data, int rows, int cols) {
    return new Mat(data, 0, rows, cols, false);
  }

  /** {@return the {@code rows x cols} matrix starting at {@code offset} in {@code data}} */
  public static Mat of(float[] data, int offset, int rows, int cols) {
    return new Mat(data, offset, rows, cols, false);
  }

  /** {@return this matrix's transpose, the same values read the other way} */
  public Mat t() {
    return new Mat(data, offset, cols, rows, !transposed);
  }

  /**
   * {@return the matrix {@code index} places further along a stack of matrices of this shape} For
   * the per-sample matrices of a batch: {@code Mat.of(y, channels, positions).sample(n)}.
   */
  public Mat sample(int index) {
    return new Mat(data, offset + index * rows * cols, rows, cols, transposed);
  }

  /** For example {@code Mat[484x288 at 0]} or {@code Mat[288x484 at 0, transposed]}. */
  @Override
  public String toString() {
    return "Mat[" + rows + "x" + cols + " at " + offset + (transposed ? ", transposed]" : "]");
  }
}
