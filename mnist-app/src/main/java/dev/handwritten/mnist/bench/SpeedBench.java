package dev.handwritten.mnist.bench;

import dev.handwritten.kernels.FmaPeak;
import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Mat;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.model.Presets;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Provenance;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Trainer;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Measures the library on this machine: the FMA peak, the reference CNN's convolution products on
 * one thread, a training epoch, and inference at batch 1 and 256. Training and inference run on
 * seeded noise shaped like MNIST, so that the bench needs no download; the time of these layers
 * does not depend on what the pixels show. Every rate is the best of five timed windows after the
 * JIT has compiled the work ({@link RateMeter}), because on a shared machine noise only adds time;
 * each product is timed in windows alternating with the FMA peak's, so that its percentage of the
 * peak compares the two at the same moments.
 *
 * @param threads threads for training and batch-256 inference
 * @param trainImages images of the timed training epoch (a first epoch warms up)
 * @param millis about how long each rate is measured
 */
public record SpeedBench(int threads, int trainImages, long millis) {
  // Steps of the FMA loop per call: about 20 microseconds, so that a window holds many calls.
  private static final int FMA_STEPS = 10_000;

  // Written by every call of the FMA loop, so that the JIT cannot drop it.
  private static volatile float sink;

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
    RateMeter.Work fma =
        new RateMeter.Work((long) FmaPeak.flops(FMA_STEPS), () -> sink += FmaPeak.run(FMA_STEPS));
    progress.accept("measuring the FMA peak");
    double peakFlops = RateMeter.best(fma, millis);
    double[] productFlops = new double[PRODUCTS.size()];
    for (int i = 0; i < PRODUCTS.size(); i++) {
      ProductShape shape = PRODUCTS.get(i);
      progress.accept("measuring " + shape.name() + ", alternating with the FMA peak");
      double[] rates = RateMeter.alternate(List.of(shape.work(), fma), millis);
      productFlops[i] = rates[0];
      peakFlops = Math.max(peakFlops, rates[1]);
    }
    // Against the best peak of the whole run, so that every percentage has the same divisor.
    double peak = peakFlops / 1e9;
    List<SpeedReport.Product> products = new ArrayList<>();
    for (int i = 0; i < PRODUCTS.size(); i++) {
      ProductShape shape = PRODUCTS.get(i);
      double gflops = productFlops[i] / 1e9;
      products.add(
          new SpeedReport.Product(shape.name(), shape.describe(), gflops, 100 * gflops / peak));
    }
    progress.accept("training two epochs of " + trainImages + " images on " + threads + " threads");
    double msPerImage = trainMsPerImage();
    // Built as a loaded model is, so that each thread gets a replica: an in-place recognizer has
    // one, and its threads took turns (batch 256 on 2 threads measured 7,500 img/s, on 1 thread
    // 8,200; with replicas 10,400 on 2).
    Recognizer recognizer =
        Recognizer.of(
            List.of(new ModelFile.Loaded(Presets.REFERENCE, Presets.REFERENCE.build(1), Map.of())),
            List.of("the reference CNN, untrained"));
    progress.accept("inference at batch 1");
    Tensor one = noise(1, 3);
    double b1 = RateMeter.best(new RateMeter.Work(1, () -> recognizer.probabilities(one)), millis);
    progress.accept("inference at batch 256 on " + threads + " threads");
    int images = 256 * threads * 2;
    Tensor many = noise(images, 4);
    double b256 =
        RateMeter.best(
            new RateMeter.Work(images, () -> recognizer.probabilities(many, 256, threads)), millis);
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

    /** The product on seeded operands, counting floating-point operations. */
    RateMeter.Work work() {
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
      return new RateMeter.Work(2L * m * n * k, () -> Gemm.multiply(left, right, product));
    }
  }
}
