package dev.handwritten.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.layers.BatchNorm2d;
import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Dropout;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.MaxPool2d;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Relu;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.optim.Adam;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataParallelTest {
  static Sequential model(long seed, boolean dropout) {
    return new Sequential(
        Shape.of(1, 8, 8),
        new Conv2d(1, 4, 3, seed),
        new BatchNorm2d(4),
        new Relu(),
        new MaxPool2d(2),
        new Flatten(),
        new Dropout(dropout ? 0.3 : 0, seed + 1),
        new Dense(36, 5, seed + 2));
  }

  private static int[] labels(int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (i * 7) % 5;
    }
    return labels;
  }

  /** The weights and running statistics after a few steps of Adam on the given thread count. */
  static List<float[]> train(int threads) {
    Sequential master = model(1, true);
    Adam adam = new Adam(master.parameters(), 0.01);
    try (DataParallel parallel = new DataParallel(master, () -> model(1, true), 4, threads)) {
      for (int step = 0; step < 5; step++) {
        parallel.computeGradients(Fixtures.uniform(step, 10, 1, 8, 8), labels(10), step);
        adam.step();
        parallel.syncReplicas();
      }
    }
    List<float[]> out = new java.util.ArrayList<>();
    master.parameters().forEach(p -> out.add(p.value().data().clone()));
    master.state().forEach(t -> out.add(t.data().clone()));
    return out;
  }

  @Test
  void weightsAndRunningStatistics_areBitIdentical_forOneTwoAndThreeThreads() {
    List<float[]> one = train(1);
    for (int threads : new int[] {2, 3}) {
      List<float[]> other = train(threads);
      for (int i = 0; i < one.size(); i++) {
        assertArrayEquals(
            one.get(i), other.get(i), "tensor " + i + " with " + threads + " threads");
      }
    }
  }

  @Test
  void gradient_isTheBatchMeanOfTheChunkGradients() {
    // Without batch normalization and dropout, chunking changes nothing but the order of sums:
    // the gradient equals the whole batch's within float rounding.
    java.util.function.LongFunction<Sequential> plain =
        seed ->
            new Sequential(
                Shape.of(1, 8, 8),
                new Conv2d(1, 4, 3, seed),
                new Relu(),
                new Flatten(),
                new Dense(144, 5, seed + 1));
    Tensor x = Fixtures.uniform(3, 10, 1, 8, 8);
    Sequential whole = plain.apply(1);
    whole.zeroGrad();
    SoftmaxCrossEntropy.Result r =
        new SoftmaxCrossEntropy().compute(whole.forward(x, Mode.train(0)), labels(10));
    whole.backward(r.logitsGradient());

    Sequential master = plain.apply(1);
    try (DataParallel parallel = new DataParallel(master, () -> plain.apply(1), 4, 2)) {
      SoftmaxCrossEntropy.Result chunked = parallel.computeGradients(x, labels(10), 0);
      assertEquals(r.loss(), chunked.loss(), 1e-6);
      assertEquals(r.correct(), chunked.correct());
    }
    for (int i = 0; i < whole.parameters().size(); i++) {
      float[] expected = whole.parameters().get(i).grad().data();
      float[] actual = master.parameters().get(i).grad().data();
      assertEquals(0, Fixtures.maxAbsDifference(expected, actual), 1e-6, "parameter " + i);
    }
  }
}
