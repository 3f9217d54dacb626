package dev.handwritten.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
 * <p>Ten independent accumulators: enough to hide the FMA latency on two pipes (4 or 5 cycles
 * each), and few enough to stay in AVX2's 16 vector registers with the two operands. A probe with
 * more accumulators than registers spills them to memory and measures the spills instead: {@code
 * ../shared/tools/fmapeak.c} keeps 16 AVX2 accumulators and reports about 54 GFLOP/s on this
 * project's machine, where 8 to 12 give 95 (32 FLOP per cycle at 3 GHz).
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
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int STEPS = 10_000;
  private static final int ACCUMULATORS = 10;

  private float a = 0.999f;
  private float b = 0.001f;

  @Benchmark
  @OperationsPerInvocation(ACCUMULATORS * STEPS)
  public float vectorFmas() {
    FloatVector x = FloatVector.broadcast(S, a);
    FloatVector y = FloatVector.broadcast(S, b);
    FloatVector c0 = FloatVector.broadcast(S, 0f);
    FloatVector c1 = FloatVector.broadcast(S, 1f);
    FloatVector c2 = FloatVector.broadcast(S, 2f);
    FloatVector c3 = FloatVector.broadcast(S, 3f);
    FloatVector c4 = FloatVector.broadcast(S, 4f);
    FloatVector c5 = FloatVector.broadcast(S, 5f);
    FloatVector c6 = FloatVector.broadcast(S, 6f);
    FloatVector c7 = FloatVector.broadcast(S, 7f);
    FloatVector c8 = FloatVector.broadcast(S, 8f);
    FloatVector c9 = FloatVector.broadcast(S, 9f);
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(x, y);
      c1 = c1.fma(x, y);
      c2 = c2.fma(x, y);
      c3 = c3.fma(x, y);
      c4 = c4.fma(x, y);
      c5 = c5.fma(x, y);
      c6 = c6.fma(x, y);
      c7 = c7.fma(x, y);
      c8 = c8.fma(x, y);
      c9 = c9.fma(x, y);
    }
    // Summed and returned, so that no accumulator is dead code.
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).lane(0);
  }
}
