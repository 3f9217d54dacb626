package dev.handwritten.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {
  @Test
  void gemm_multipliesTwoByTwo() {
    // [1 2] [5 6]   [1*5+2*7 1*6+2*8]   [19 22]
    // [3 4] [7 8] = [3*5+4*7 3*6+4*8] = [43 50]
    float[] a = {1, 2, 3, 4};
    float[] b = {5, 6, 7, 8};
    float[] c = new float[4];
    Gemm.gemm(false, false, 2, 2, 2, a, 0, b, 0, c, 0, false);
    assertArrayEquals(new float[] {19, 22, 43, 50}, c);
  }

  @Test
  void gemm_withTransposedOperands_readsTheStoredTranspose() {
    // A stored as its transpose [[1 3] [2 4]] is the same A as above; likewise B = [[5 7] [6 8]].
    float[] aT = {1, 3, 2, 4};
    float[] bT = {5, 7, 6, 8};
    float[] c = new float[4];
    Gemm.gemm(true, true, 2, 2, 2, aT, 0, bT, 0, c, 0, false);
    assertArrayEquals(new float[] {19, 22, 43, 50}, c);
  }

  @Test
  void gemm_accumulate_addsToC() {
    float[] c = {1, 1, 1, 1};
    Gemm.gemm(
        false,
        false,
        2,
        2,
        2,
        new float[] {1, 2, 3, 4},
        0,
        new float[] {5, 6, 7, 8},
        0,
        c,
        0,
        true);
    assertArrayEquals(new float[] {20, 23, 44, 51}, c);
  }

  @ParameterizedTest(name = "transA={0} transB={1} m={2} n={3} k={4}")
  @CsvSource({
    "false, false, 1, 1, 1",
    "false, false, 7, 13, 5",
    "false, true, 7, 13, 5",
    "true, false, 7, 13, 5",
    "true, true, 7, 13, 5",
    "false, false, 33, 17, 65",
    "false, true, 31, 19, 121",
    "true, false, 37, 23, 11",
    "false, true, 3, 3, 1",
    "false, false, 64, 121, 288",
    "true, false, 9, 676, 32",
    "false, true, 10, 70, 40",
    "false, false, 11, 20, 300",
    "true, true, 12, 35, 9",
    "false, true, 32, 40, 9",
    "true, false, 13, 20, 300",
    "false, true, 32, 9, 676",
    "false, true, 4, 10, 1600",
    "false, true, 5, 15, 17",
    "false, true, 20, 33, 300"
  })
  void gemm_bothPaths_matchNaiveTwin_onOddSizes(
      boolean transA, boolean transB, int m, int n, int k) {
    // Offsets inside larger arrays, as the layers use them per sample; sizes that leave partial
    // vectors and partial row tiles (m mod 6 takes every value: 6-, 4- and 1-row tiles), and
    // inner dimensions over one packed block (k > 256; k > 128 with a transposed A).
    float[] a = Fixtures.uniform(1, 3 + m * k).data();
    float[] b = Fixtures.uniform(2, 5 + k * n).data();
    float[] start = Fixtures.uniform(3, 2 + m * n + 4).data();
    for (boolean accumulate : new boolean[] {false, true}) {
      float[] naive = start.clone();
      float[] fast = start.clone();
      float[] scalar = start.clone();
      Gemm.gemmNaive(transA, transB, m, n, k, a, 3, b, 5, naive, 2, accumulate);
      Gemm.gemm(transA, transB, m, n, k, a, 3, b, 5, fast, 2, accumulate);
      Gemm.gemmScalar(transA, transB, m, n, k, a, 3, b, 5, scalar, 2, accumulate);
      // float32 sums of k products of magnitude <= 1 differ from the double reference by about
      // k * 2^-24 at most.
      assertEquals(0, Fixtures.maxAbsDifference(fast, naive), 1e-6 * (k + 1) * 4);
      assertEquals(0, Fixtures.maxAbsDifference(scalar, naive), 1e-6 * (k + 1) * 4);
      assertEquals(start[0], fast[0], "elements before the offset are left alone");
      assertEquals(start[start.length - 1], fast[start.length - 1], "and elements after the end");
    }
  }

  @ParameterizedTest(name = "transA={0} transB={1} m={2} n={3} k={4}")
  @CsvSource({"false, true, 4, 10, 1600", "false, true, 32, 10, 676", "false, true, 12, 32, 64"})
  void gemm_givesTheSameBits_coldAndAfterTheJitCompiledIt(
      boolean transA, boolean transB, int m, int n, int k) {
    // Same inputs, same bits, whether the kernel runs interpreted (first call) or compiled (after
    // thousands): training is reproducible only if no result depends on when the JIT kicks in.
    // The Vector API's lane reductions do not promise that (the intrinsic and the Java fallback
    // may add the lanes in different orders), so the kernels must not use them.
    float[] a = Fixtures.uniform(4, m * k).data();
    float[] b = Fixtures.uniform(5, k * n).data();
    float[] cold = new float[m * n];
    Gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, cold, 0, false);
    float[] warm = new float[m * n];
    for (int i = 0; i < 20_000; i++) {
      Gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, warm, 0, false);
    }
    assertArrayEquals(cold, warm);
  }

  @ParameterizedTest(name = "transA={0} transB={1} m={2} n={3} k={4}")
  @CsvSource({
    "false, true, 7, 10, 1600",
    "false, true, 5, 11, 677",
    "false, false, 13, 40, 30",
    "true, false, 11, 40, 30"
  })
  void gemm_givesEachRowTheSameBits_whateverRowsComeWithIt(
      boolean transA, boolean transB, int m, int n, int k) {
    // A row of C alone (an image at batch 1) and the same row among m (an image in a batch): the
    // kernels block rows in threes, sixes and fours and leave others over, and an answer must not
    // depend on which of those a row fell in, or on its neighbours.
    float[] a = Fixtures.uniform(6, m * k).data();
    float[] b = Fixtures.uniform(7, k * n).data();
    float[] all = new float[m * n];
    Gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, all, 0, false);
    for (int row = 0; row < m; row++) {
      float[] aRow = new float[k];
      for (int p = 0; p < k; p++) {
        aRow[p] = transA ? a[p * m + row] : a[row * k + p];
      }
      float[] alone = new float[n];
      Gemm.gemm(false, transB, 1, n, k, aRow, 0, b, 0, alone, 0, false);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(all, row * n, (row + 1) * n), alone, "row " + row);
    }
  }

  @Test
  void kernelPath_isTheVectorApi_exactlyWhenTheModuleIsPresent() {
    // Surefire runs the tests twice: with --add-modules jdk.incubator.vector, and without.
    assertEquals(
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        KernelPath.vectorized(),
        KernelPath.describe());
  }
}
