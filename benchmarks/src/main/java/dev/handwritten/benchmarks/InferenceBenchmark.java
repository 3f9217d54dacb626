package dev.handwritten.benchmarks;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inference of the reference CNN on one thread: images per second at batch 1 and batch 256
 * (throughput mode: operations/s times the batch size).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar
 * InferenceBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InferenceBenchmark {
  @Param({"1", "256"})
  public int batch;

  private Sequential model;
  private Tensor x;

  @Setup
  public void setUp() {
    model = ReferenceCnn.build(1);
    x = ReferenceCnn.images(batch, 4);
  }

  @Benchmark
  public Tensor forward() {
    return model.forward(x, Mode.EVAL);
  }
}
