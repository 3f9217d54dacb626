package dev.handwritten.kernels;

/**
 * This machine's peak single-precision FMA throughput on one thread, from Java: the figure a
 * kernel's GFLOP/s is divided by. Ten independent accumulators per loop: enough to hide the FMA
 * latency on two pipes (4 or 5 cycles each), and few enough to stay in AVX2's 16 vector registers
 * with the two operands; more accumulators than registers would spill them to memory and measure
 * the spills instead. On the scalar path the same loop runs on single floats ({@code Math.fma}), so
 * the peak is what the scalar kernels could reach. Timing it is the caller's job ({@code mnist
 * bench}, the JMH {@code FmaPeakBenchmark}): a JIT warm-up and a noisy machine need care that
 * belongs with the other timings.
 */
public final class FmaPeak {
  /** Accumulators the loop keeps, each taking one fused multiply-add per step. */
  public static final int ACCUMULATORS = 10;

  private FmaPeak() {}

  /**
   * Runs {@code steps} steps of {@link #ACCUMULATORS} independent fused multiply-adds, each on a
   * whole vector ({@link KernelPath#vectorFloats} floats).
   *
   * @return a sum of the accumulators, so that none of them is dead code
   */
  public static float run(int steps) {
    return KernelPath.VECTORIZED ? VectorFmaPeak.run(steps) : scalar(steps);
  }

  /** {@return the floating-point operations {@link #run} does for {@code steps}: 2 per lane} */
  public static double flops(int steps) {
    return 2.0 * ACCUMULATORS * steps * KernelPath.vectorFloats();
  }

  private static float scalar(int steps) {
    float x = 0.999f;
    float y = 0.001f;
    float c0 = 0, c1 = 1, c2 = 2, c3 = 3, c4 = 4, c5 = 5, c6 = 6, c7 = 7, c8 = 8, c9 = 9;
    for (int i = 0; i < steps; i++) {
      c0 = Math.fma(c0, x, y);
      c1 = Math.fma(c1, x, y);
      c2 = Math.fma(c2, x, y);
      c3 = Math.fma(c3, x, y);
      c4 = Math.fma(c4, x, y);
      c5 = Math.fma(c5, x, y);
      c6 = Math.fma(c6, x, y);
      c7 = Math.fma(c7, x, y);
      c8 = Math.fma(c8, x, y);
      c9 = Math.fma(c9, x, y);
    }
    return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9;
  }
}
