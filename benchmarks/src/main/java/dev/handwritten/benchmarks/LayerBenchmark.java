package dev.handwritten.benchmarks;

import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Layer;
import dev.handwritten.layers.MaxPool2d;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward and backward of the reference CNN's heavy layers on one thread, at batch 128 or, with
 * {@code -p batch=4}, the chunk of 4 images that each worker of the app runs. FLOPs per conv2
 * forward: {@code 2 * 64 * 288 * 121 * batch} (0.57 GFLOP at batch 128); backward is twice that.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar
 * LayerBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LayerBenchmark {
  @Param({"conv1", "conv2", "pool1"})
  public String layer;

  @Param({"128"})
  public int batch;

  private Layer subject;
  private Tensor x;
  private Tensor dy;

  @Setup
  public void setUp() {
    switch (layer) {
      case "conv1" -> {
        subject = new Conv2d(1, 32, 3, 1);
        x = ReferenceCnn.images(batch, 1);
      }
      case "conv2" -> {
        subject = new Conv2d(32, 64, 3, 1);
        x = noise(batch, 32, 13, 13);
      }
      case "pool1" -> {
        subject = new MaxPool2d(2);
        x = noise(batch, 32, 26, 26);
      }
      default -> throw new IllegalArgumentException(layer);
    }
    Tensor y = subject.forward(x, dev.handwritten.layers.Mode.EVAL);
    dy = noise(y.shape().dims());
  }

  @Benchmark
  public Tensor forward() {
    return subject.forward(x, dev.handwritten.layers.Mode.EVAL);
  }

  @Benchmark
  public Tensor forwardBackward() {
    subject.forward(x, dev.handwritten.layers.Mode.EVAL);
    return subject.backward(dy);
  }

  private static Tensor noise(int... dims) {
    Tensor t = Tensor.zeros(dims);
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < t.size(); i++) {
      t.data()[i] = (float) random.nextDouble(-1, 1);
    }
    return t;
  }
}
