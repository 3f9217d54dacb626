package dev.handwritten.mnist.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Rates of repeated calls on a shared, noisy machine. Two things make a naive timer lie there:
 *
 * <ul>
 *   <li>the JIT: until C2 has compiled a Vector API loop it runs a hundred times slower, and on a
 *       busy machine that can take well over half a second (a fixed 500 ms warm-up once measured
 *       the FMA peak at 0.7 GFLOP/s in CI, and a product at 3,741% of it). So a warm-up lasts until
 *       the JIT has gone quiet and the rate has stopped rising, not for a fixed time;
 *   <li>other tenants: the same loop measured 30 and 77 GFLOP/s a second apart here. So rates that
 *       are compared (a product and the FMA peak) are timed in alternating windows, as {@code
 *       compare.sh} alternates us with the peers, and each is the best of its windows, because
 *       noise only adds time.
 * </ul>
 */
final class RateMeter {
  /** The least warm-up, whatever the caller asks for. */
  static final long MIN_WARM_UP_MILLIS = 500;

  /** The most warm-up: past it, a rate is measured whatever the JIT is doing. */
  static final long MAX_WARM_UP_MILLIS = 10_000;

  /** Timed windows per rate. */
  static final int ROUNDS = 5;

  private static final long WARM_UP_WINDOW_NANOS = 20_000_000L;

  // The rate must not have risen by more than this over the last few windows to count as warm.
  private static final double PLATEAU = 1.10;
  private static final int PLATEAU_WINDOWS = 10;

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private RateMeter() {}

  /**
   * A call to time, and how many operations (images, floating-point operations) one call does.
   *
   * @param operationsPerCall what the rate counts, per call
   * @param call the work
   */
  record Work(long operationsPerCall, Runnable call) {
    /** {@return operations per second over one window of at least {@code nanos}} */
    double window(long nanos) {
      long start = System.nanoTime();
      long end = start + nanos;
      long calls = 0;
      long now;
      do {
        call.run();
        calls++;
        now = System.nanoTime();
      } while (now < end);
      return (double) calls * operationsPerCall * 1e9 / (now - start);
    }
  }

  /** {@return the best operations per second of {@code work}, measured for about {@code millis}} */
  static double best(Work work, long millis) {
    return alternate(List.of(work), millis)[0];
  }

  /**
   * Warms every work up, then times them in {@link #ROUNDS} rounds of one window each, in turn.
   *
   * @param millis about how long each work is timed in all
   * @return the best operations per second of each work, in the order given
   */
  static double[] alternate(List<Work> works, long millis) {
    for (Work work : works) {
      warmUp(work, millis);
    }
    long windowNanos = Math.max(1, millis * 1_000_000L / ROUNDS);
    double[] best = new double[works.size()];
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < works.size(); i++) {
        best[i] = Math.max(best[i], works.get(i).window(windowNanos));
      }
    }
    return best;
  }

  /**
   * Runs {@code work} for at least {@code millis} (and {@link #MIN_WARM_UP_MILLIS}), then on until,
   * over the last ten windows, the JIT has finished no compilation and the rate has set no new high
   * by more than 10%; or until {@link #MAX_WARM_UP_MILLIS}. New highs, not steadiness, because on a
   * shared machine the rate of compiled code still swings by half from one window to the next.
   */
  static void warmUp(Work work, long millis) {
    warmUp(work, millis, RateMeter::compilationMillis);
  }

  /**
   * {@link #warmUp(Work, long)} reading the JIT's total compilation time from {@code
   * compilationMillis}, so that a test can play a busy JIT.
   */
  static void warmUp(Work work, long millis, LongSupplier compilationMillis) {
    long start = System.nanoTime();
    long least = start + Math.max(millis, MIN_WARM_UP_MILLIS) * 1_000_000L;
    long most = start + Math.max(millis, MAX_WARM_UP_MILLIS) * 1_000_000L;
    List<Double> rates = new ArrayList<>();
    List<Long> compiled = new ArrayList<>();
    while (true) {
      compiled.add(compilationMillis.getAsLong());
      rates.add(work.window(WARM_UP_WINDOW_NANOS));
      long now = System.nanoTime();
      if (now >= most || now >= least && settled(rates, compiled, compilationMillis)) {
        return;
      }
    }
  }

  /**
   * True when the JIT's total compilation time did not move over the last {@link #PLATEAU_WINDOWS}
   * windows and their best rate is within {@link #PLATEAU} of the best before.
   */
  private static boolean settled(
      List<Double> rates, List<Long> compiled, LongSupplier compilationMillis) {
    int n = rates.size();
    if (n <= PLATEAU_WINDOWS
        || compiled.get(n - PLATEAU_WINDOWS) != compilationMillis.getAsLong()) {
      return false;
    }
    double before = 0;
    double recent = 0;
    for (int i = 0; i < n; i++) {
      if (i < n - PLATEAU_WINDOWS) {
        before = Math.max(before, rates.get(i));
      } else {
        recent = Math.max(recent, rates.get(i));
      }
    }
    return recent <= PLATEAU * before;
  }

  private static long compilationMillis() {
    return JIT != null && JIT.isCompilationTimeMonitoringSupported()
        ? JIT.getTotalCompilationTime()
        : 0;
  }
}
