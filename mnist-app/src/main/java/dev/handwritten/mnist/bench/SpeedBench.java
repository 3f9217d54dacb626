package dev.handwritten.mnist.bench;

import dev.handwritten.kernels.FmaPeak;
import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Mat;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.Presets;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Provenance;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Trainer;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Measures the library on this machine: the FMA peak, the reference CNN's convolution products on
 * one thread, a training epoch, and inference at batch 1 and 256. Training and inference run on
 * seeded noise shaped like MNIST, so that the bench needs no download; the time of these layers
 * does not depend on what the pixels show. Every rate is the best of five timed runs after a
 * warm-up, because on a shared machine noise only adds time.
 *
 * @param threads threads for training and batch-256 inference
 * @param trainImages images of the timed training epoch (a first epoch warms up)
 * @param millis about how long each rate is measured
 */
public record SpeedBench(int threads, int trainImages, long millis) {
  private static final int REPEATS = 5;

  /** The products the reference CNN's training step issues per chunk of 4 images. */
  private static final List<ProductShape> PRODUCTS =
      List.of(
          new ProductShape("conv1 forward", false, false, 32, 676, 10),
          new ProductShape("conv2 forward", false, true, 484, 64, 288),
          new ProductShape("conv2 weight gradient", true, false, 288, 64, 484),
          new ProductShape("conv2 input gradient", false, false, 484, 288, 64));

  /**
   * @throws IllegalArgumentException if a count is below 1
   */
  public SpeedBench {
    if (threads < 1 || trainImages < 1 || millis < 1) {
      throw new IllegalArgumentException(
          "SpeedBench: expected threads, training images and milliseconds >= 1, got "
              + threads
              + ", "
              + trainImages
              + ", "
              + millis);
    }
  }

  /**
   * Runs every measurement, saying what it is doing through {@code progress}.
   *
   * @param progress hears one line before each measurement
   */
  public SpeedReport run(Consumer<String> progress) {
    progress.accept("measuring the FMA peak");
    double peak = FmaPeak.measureGflops(millis);
    List<SpeedReport.Product> products = new ArrayList<>();
    for (ProductShape shape : PRODUCTS) {
      progress.accept("measuring " + shape.name());
      double gflops = shape.measureGflops(millis);
      products.add(
          new SpeedReport.Product(shape.name(), shape.describe(), gflops, 100 * gflops / peak));
    }
    progress.accept("training two epochs of " + trainImages + " images on " + threads + " threads");
    double msPerImage = trainMsPerImage();
    Recognizer recognizer = Recognizer.inPlace(List.of(Presets.REFERENCE.build(1)));
    progress.accept("inference at batch 1");
    Tensor one = noise(1, 3);
    double b1 = bestRate(1, () -> recognizer.probabilities(one), millis);
    progress.accept("inference at batch 256 on " + threads + " threads");
    int images = 256 * threads * 2;
    Tensor many = noise(images, 4);
    double b256 = bestRate(images, () -> recognizer.probabilities(many, 256, threads), millis);
    return new SpeedReport(
        Provenance.Machine.current(threads),
        threads,
        peak,
        products,
        msPerImage,
        trainImages,
        b1,
        b256);
  }

  /** The second epoch's training pass (the first warms the JIT up), per image. */
  private double trainMsPerImage() {
    Sequential model = Presets.REFERENCE.build(1);
    DataSet train = new DataSet(noise(trainImages, 1), labels(trainImages));
    DataSet validation = new DataSet(noise(128, 2), labels(128));
    Trainer.Config config = new Trainer.Config(2, 128, 1e-3, 1, threads);
    List<EpochMetrics> epochs =
        Trainer.train(
            model,
            () -> Presets.REFERENCE.build(1),
            train,
            validation,
            config,
            Trainer.Listener.NONE);
    return 1000 * epochs.get(epochs.size() - 1).trainSeconds() / trainImages;
  }

  /**
   * {@return operations per second, the best of {@link #REPEATS} runs of about {@code millis}}
   * After as long again of warm-up, and never less than the JIT needs ({@link
   * FmaPeak#MIN_WARM_UP_MILLIS}), so that a short run measures compiled code.
   */
  static double bestRate(long operationsPerCall, Runnable call, long millis) {
    long warmUntil = System.nanoTime() + Math.max(millis, FmaPeak.MIN_WARM_UP_MILLIS) * 1_000_000L;
    do {
      call.run();
    } while (System.nanoTime() < warmUntil);
    double best = 0;
    for (int repeat = 0; repeat < REPEATS; repeat++) {
      long start = System.nanoTime();
      long end = start + millis * 1_000_000L / REPEATS;
      long operations = 0;
      long now;
      do {
        call.run();
        operations += operationsPerCall;
        now = System.nanoTime();
      } while (now < end);
      best = Math.max(best, operations * 1e9 / (now - start));
    }
    return best;
  }

  /** Uniform noise in [0, 1), shaped like MNIST images. */
  private static Tensor noise(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(count, 1, 28, 28);
    float[] data = x.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble();
    }
    return x;
  }

  private static int[] labels(int count) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % DataSet.CLASSES;
    }
    return labels;
  }

  /** A product {@code C[m x n] = op(A) * op(B)}, {@code op} transposing where it says. */
  private record ProductShape(String name, boolean transA, boolean transB, int m, int n, int k) {

    String describe() {
      return m + "x" + n + "x" + k + (transA ? ", A^T" : "") + (transB ? ", B^T" : "");
    }

    double measureGflops(long millis) {
      SplittableRandom random = new SplittableRandom(5);
      float[] a = new float[m * k];
      float[] b = new float[k * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) random.nextDouble(-1, 1);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) random.nextDouble(-1, 1);
      }
      Mat left = transA ? Mat.of(a, k, m).t() : Mat.of(a, m, k);
      Mat right = transB ? Mat.of(b, n, k).t() : Mat.of(b, k, n);
      Mat product = Mat.of(new float[m * n], m, n);
      return bestRate(2L * m * n * k, () -> Gemm.multiply(left, right, product), millis) / 1e9;
    }
  }
}
