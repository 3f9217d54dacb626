package dev.handwritten.kernels;

/**
 * Sums of the rows of a matrix, each added in plain order from its first element to its last: a
 * convolution's bias gradient, {@code dBias[oc] += sum over positions of dy[n, oc, :]}.
 *
 * <p>Why a kernel for a sum: a float sum is one chain of dependent additions, which the JIT may not
 * reorder or vectorize, so one row at a time runs at the adder's latency (about 3 cycles per
 * element; measured on the reference CNN's first layer, 4 x 32 rows of 676, before its bias moved
 * into the product: about a third of its backward pass). Four rows at a time run four independent
 * chains side by side, each still in plain order, so every sum is bit for bit the one a single loop
 * gives.
 */
public final class RowSums {
  private RowSums() {}

  /**
   * {@code out[r] += in[offset + r*length] + ... + in[offset + r*length + length - 1]} for each of
   * the {@code rows} rows, the inner sum taken left to right from 0.
   *
   * @param in {@code [rows, length]} from {@code offset}
   * @param out {@code [rows]}
   */
  public static void addRowSums(float[] in, int offset, int rows, int length, float[] out) {
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int a = offset + r * length;
      int b = a + length;
      int c = b + length;
      int d = c + length;
      float sa = 0;
      float sb = 0;
      float sc = 0;
      float sd = 0;
      for (int i = 0; i < length; i++) {
        sa += in[a + i];
        sb += in[b + i];
        sc += in[c + i];
        sd += in[d + i];
      }
      out[r] += sa;
      out[r + 1] += sb;
      out[r + 2] += sc;
      out[r + 3] += sd;
    }
    for (; r < rows; r++) {
      int a = offset + r * length;
      float sum = 0;
      for (int i = 0; i < length; i++) {
        sum += in[a + i];
      }
      out[r] += sum;
    }
  }
}
