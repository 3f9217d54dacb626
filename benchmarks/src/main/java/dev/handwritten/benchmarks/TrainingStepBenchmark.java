package dev.handwritten.benchmarks;

import dev.handwritten.layers.Sequential;
import dev.handwritten.optim.Adam;
import dev.handwritten.parallel.DataParallel;
import dev.handwritten.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the reference CNN at batch 128, as the app runs it: gradients through {@link
 * DataParallel} (chunks of 4), an Adam update, the replicas synced. An epoch is 422 steps (54,000
 * images). Allocation per step: add {@code -prof gc} and read {@code gc.alloc.rate.norm}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar
 * TrainingStepBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {
  @Param({"1", "2"})
  public int threads;

  /**
   * Images per chunk: 4, as the app uses for a model without batch normalization ({@code
   * Trainer.Config.chunkFor}). Try others with {@code -p chunk=4,16}.
   */
  @Param({"4"})
  public int chunk;

  private Sequential model;
  private DataParallel parallel;
  private Adam adam;
  private Tensor x;
  private int[] labels;
  private long step;

  @Setup
  public void setUp() {
    model = ReferenceCnn.build(1);
    parallel = new DataParallel(model, () -> ReferenceCnn.build(1), chunk, threads);
    adam = new Adam(model.parameters(), 1e-3);
    x = ReferenceCnn.images(128, 2);
    labels = ReferenceCnn.labels(128);
  }

  @TearDown
  public void tearDown() {
    parallel.close();
  }

  @Benchmark
  public double trainingStep() {
    double loss = parallel.computeGradients(x, labels, step++).loss();
    adam.step();
    parallel.syncReplicas();
    return loss;
  }
}
