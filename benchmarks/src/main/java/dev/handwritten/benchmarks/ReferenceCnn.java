package dev.handwritten.benchmarks;

import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Dropout;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.MaxPool2d;
import dev.handwritten.layers.Normalize;
import dev.handwritten.layers.Relu;
import dev.handwritten.layers.Sequential;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.SplittableRandom;

/** The app's reference CNN, rebuilt here so the benchmarks depend on core alone. */
final class ReferenceCnn {
  private ReferenceCnn() {}

  static Sequential build(long seed) {
    return new Sequential(
        Shape.of(1, 28, 28),
        new Normalize(0.1307, 0.3081),
        new Conv2d(1, 32, 3, seed),
        new Relu(),
        new MaxPool2d(2),
        new Conv2d(32, 64, 3, seed + 1),
        new Relu(),
        new MaxPool2d(2),
        new Flatten(),
        new Dropout(0.5, seed + 2),
        new Dense(1600, 10, seed + 3));
  }

  /** Uniform noise in [0, 1), shaped like a batch of MNIST images. */
  static Tensor images(int batch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(batch, 1, 28, 28);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) random.nextDouble();
    }
    return x;
  }

  static int[] labels(int batch) {
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = i % 10;
    }
    return labels;
  }
}
