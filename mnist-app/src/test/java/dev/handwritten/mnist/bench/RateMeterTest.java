package dev.handwritten.mnist.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * How {@code mnist bench} times things. Only directions that noise cannot reverse are asserted:
 * noise adds time, so a warm-up can last longer, and a rate can come out lower, never the opposite.
 */
class RateMeterTest {

  @Test
  void warmUp_goesOnWhileTheJitIsBusy_andUntilTheRateItBringsHasSettled() {
    // Slow for the first 800 ms (past the least warm-up) while the JIT compiles, then eight times
    // faster: the JIT's late arrival on a busy CI machine, which a fixed warm-up once missed.
    long start = System.nanoTime();
    long speedUpAt = start + 800_000_000L;
    RateMeter.Work late = eightTimesFasterFrom(speedUpAt);
    LongSupplier busyJit = () -> Math.min(System.nanoTime(), speedUpAt) / 1_000_000;

    RateMeter.warmUp(late, 1, busyJit);

    long millis = (System.nanoTime() - start) / 1_000_000;
    // Ten windows of 20 ms after the speed-up, at least, before it counts as settled.
    assertTrue(millis >= 1000, millis + " ms");
    assertTrue(millis < RateMeter.MAX_WARM_UP_MILLIS, millis + " ms");
  }

  @Test
  void warmUp_goesOnWhileTheRateStillRises_evenWithTheJitQuiet() {
    long start = System.nanoTime();
    long speedUpAt = start + 400_000_000L;
    RateMeter.Work rising = eightTimesFasterFrom(speedUpAt);

    RateMeter.warmUp(rising, 1, () -> 0);

    long millis = (System.nanoTime() - start) / 1_000_000;
    // The new rate starts at 400 ms; the least warm-up (500 ms) ends within its ten windows.
    assertTrue(millis >= 600, millis + " ms");
  }

  @Test
  void warmUp_lastsAtLeastTheLeastWarmUp_evenForWorkThatIsFastAtOnce() {
    long start = System.nanoTime();

    RateMeter.warmUp(new RateMeter.Work(1, () -> {}), 1);

    assertTrue(System.nanoTime() - start >= RateMeter.MIN_WARM_UP_MILLIS * 1_000_000L);
  }

  @Test
  void alternate_timesEveryWorkInEachRound_andReturnsTheirRatesInOrder() {
    AtomicLong slowCalls = new AtomicLong();
    AtomicLong fastCalls = new AtomicLong();
    // 1,000 operations per 2 ms call cannot exceed 500,000 per second, whatever the machine.
    RateMeter.Work slow =
        new RateMeter.Work(
            1_000,
            () -> {
              slowCalls.incrementAndGet();
              pause(2_000_000);
            });
    RateMeter.Work fast = new RateMeter.Work(1, fastCalls::incrementAndGet);

    double[] rates = RateMeter.alternate(List.of(slow, fast), 50);

    assertEquals(2, rates.length);
    assertTrue(rates[0] > 0 && rates[0] <= 500_000, "slow: " + rates[0]);
    assertTrue(rates[1] > rates[0] / 1_000, "fast: " + rates[1]);
    assertTrue(slowCalls.get() > RateMeter.ROUNDS && fastCalls.get() > RateMeter.ROUNDS);
  }

  /** A call of 4 ms until {@code speedUpAt} (a {@link System#nanoTime} instant), then of 0.5 ms. */
  private static RateMeter.Work eightTimesFasterFrom(long speedUpAt) {
    return new RateMeter.Work(1, () -> pause(System.nanoTime() < speedUpAt ? 4_000_000 : 500_000));
  }

  /** Waits at least {@code nanos}, never less (parking can return early, so it loops). */
  private static void pause(long nanos) {
    long until = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
