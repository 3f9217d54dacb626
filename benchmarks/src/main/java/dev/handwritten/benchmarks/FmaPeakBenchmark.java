package dev.handwritten.benchmarks;

import dev.handwritten.kernels.FmaPeak;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's peak single-precision FMA throughput from Java, one thread: the figure to divide a
 * kernel's GFLOP/s by. The score is in fused multiply-adds of a whole vector per nanosecond; each
 * counts 2 FLOP per lane, so GFLOP/s = score x 2 x lanes (8 with AVX2, 16 with AVX-512). On this
 * project's AVX2 machine: 3.9 to 5.4 per ns (63 to 86 GFLOP/s), with the load of its other tenants.
 *
 * <p>The loop is {@link FmaPeak}'s, which {@code mnist bench} also runs. Ten independent
 * accumulators: a probe with more accumulators than registers spills them to memory and measures
 * the spills instead: {@code ../shared/tools/fmapeak.c} keeps 16 AVX2 accumulators and reports
 * about 54 GFLOP/s on this project's machine, where 8 to 12 give 95 (32 FLOP per cycle at 3 GHz).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar
 * FmaPeakBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FmaPeakBenchmark {
  private static final int STEPS = 10_000;

  @Benchmark
  @OperationsPerInvocation(FmaPeak.ACCUMULATORS * STEPS)
  public float vectorFmas() {
    return FmaPeak.run(STEPS);
  }
}
