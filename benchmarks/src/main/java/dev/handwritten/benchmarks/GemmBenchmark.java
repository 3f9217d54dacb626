package dev.handwritten.benchmarks;

import dev.handwritten.kernels.Gemm;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix products of the reference CNN, in the shapes {@code Conv2d} issues them: conv1 (patch
 * of 9, column lowering) per sample, conv2 (row lowering) per chunk of 4 images, which is what each
 * worker of a training step runs, and the batch-128 forms of the same products. The shape parameter
 * reads {@code name:transA:transB:m:n:k}; GFLOP/s = {@code 2*m*n*k / time}, for example 17.8 MFLOP
 * for each conv2 product on a chunk. Peak to compare with: {@link FmaPeakBenchmark} (on the
 * project's 2-core AVX2 machine: about 95 GFLOP/s per core).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar
 * GemmBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {
  /** {@code name:transA:transB:m:n:k}. */
  @Param({
    "conv1ForwardSample:N:N:32:676:9",
    "conv1WeightGradientSample:N:T:32:9:676",
    "conv2ForwardChunk4:N:T:484:64:288",
    "conv2WeightGradientChunk4:T:N:288:64:484",
    "conv2InputGradientChunk4:N:N:484:288:64",
    "conv1ForwardBatch128:N:N:32:86528:9",
    "conv2ForwardBatch128:N:T:15488:64:288",
    "conv2WeightGradientBatch128:T:N:288:64:15488",
    "conv2InputGradientBatch128:N:N:15488:288:64",
    "denseForwardBatch128:N:T:128:10:1600"
  })
  public String shape;

  private boolean transA;
  private boolean transB;
  private int m;
  private int n;
  private int k;
  private float[] a;
  private float[] b;
  private float[] c;

  @Setup
  public void setUp() {
    String[] parts = shape.split(":");
    transA = parts[1].equals("T");
    transB = parts[2].equals("T");
    m = Integer.parseInt(parts[3]);
    n = Integer.parseInt(parts[4]);
    k = Integer.parseInt(parts[5]);
    SplittableRandom random = new SplittableRandom(1);
    a = new float[m * k];
    b = new float[k * n];
    c = new float[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) random.nextDouble(-1, 1);
    }
  }

  @Benchmark
  public float[] gemm() {
    Gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, false);
    return c;
  }
}
