package dev.handwritten.kernels;

/**
 * This machine's peak single-precision FMA throughput on one thread, from Java: the figure a
 * kernel's GFLOP/s is divided by. Ten independent accumulators per loop: enough to hide the FMA
 * latency on two pipes (4 or 5 cycles each), and few enough to stay in AVX2's 16 vector registers
 * with the two operands; more accumulators than registers would spill them to memory and measure
 * the spills instead. On the scalar path the same loop runs on single floats ({@code Math.fma}), so
 * the peak is what the scalar kernels could reach.
 */
public final class FmaPeak {
  /** Accumulators the loop keeps, each taking one fused multiply-add per step. */
  public static final int ACCUMULATORS = 10;

  /** The least warm-up before timing, whatever the caller asks for: enough for the JIT. */
  public static final long MIN_WARM_UP_MILLIS = 500;

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

  /**
   * {@return GFLOP/s at this machine's peak on the calling thread} The best of repeated runs of
   * about {@code millis} milliseconds in all, after as long again of warm-up (at least {@link
   * #MIN_WARM_UP_MILLIS}): noise from other tenants only adds time.
   */
  public static double measureGflops(long millis) {
    int steps = 10_000;
    // The vector loop must be compiled before it is timed, however short the run asked for:
    // interpreted, the Vector API is a hundred times slower (50 ms of warm-up once measured a peak
    // of 0.9 GFLOP/s).
    long until = System.nanoTime() + Math.max(millis, MIN_WARM_UP_MILLIS) * 1_000_000L;
    while (System.nanoTime() < until) {
      sink += run(steps);
    }
    double best = 0;
    for (int repeat = 0; repeat < 5; repeat++) {
      long start = System.nanoTime();
      long end = start + millis * 200_000L;
      long calls = 0;
      long now;
      do {
        sink += run(steps);
        calls++;
        now = System.nanoTime();
      } while (now < end);
      best = Math.max(best, calls * flops(steps) / (now - start));
    }
    return best;
  }

  // Written by every run, so that the JIT cannot drop them.
  private static volatile float sink;

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
