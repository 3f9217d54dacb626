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
 * The matrix products of the reference CNN at batch 128, one sample's worth per call (the layers
 * call GEMM per sample). GFLOP/s = {@code 2*m*n*k / time}; the {@code flops} parameter string names
 * the shape.
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
    "conv2Forward:N:N:64:121:288",
    "conv2WeightGradient:N:T:64:288:121",
    "conv2InputGradient:T:N:288:121:64",
    "conv1Forward:N:N:32:676:9",
    "conv1ForwardBatch128:N:N:32:86528:9",
    "conv2ForwardBatch128:N:N:64:15488:288",
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
