package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowSumsTest {
  @ParameterizedTest(name = "rows={0} length={1}")
  @CsvSource({"1, 5", "4, 1", "7, 13", "32, 676", "64, 121", "3, 0"})
  void addRowSums_addsEachRowsSumInPlainOrder_bitForBit(int rows, int length) {
    // Magnitudes from 1e-4 to 1e4, so that a sum taken in any other order (pairwise, in vector
    // lanes) rounds differently: the bias gradient must not depend on how the kernel is unrolled.
    java.util.Random random = new java.util.Random(rows * 1000L + length);
    int offset = 3;
    float[] in = new float[offset + rows * length];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(9) - 4));
    }
    float[] fast = new float[rows];
    float[] plain = new float[rows];
    for (int r = 0; r < rows; r++) {
      fast[r] = r + 0.25f; // the sums are added into what is there
      plain[r] = r + 0.25f;
    }
    RowSums.addRowSums(in, offset, rows, length, fast);
    for (int r = 0; r < rows; r++) {
      float sum = 0;
      for (int i = 0; i < length; i++) {
        sum += in[offset + r * length + i];
      }
      plain[r] += sum;
    }
    assertArrayEquals(plain, fast);
  }
}
