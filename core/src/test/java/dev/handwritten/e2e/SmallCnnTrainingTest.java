package dev.handwritten.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A small CNN (conv, relu, pool, dropout, dense) learns to tell three kinds of 8x8 strokes apart: a
 * horizontal bar, a vertical bar and a diagonal, each at a random place and with noise.
 */
class SmallCnnTrainingTest {
  private static final int SIDE = 8;
  private static final int CLASSES = 3;

  /** Images {@code [count, 1, 8, 8]} and their labels. */
  record DataSet(Tensor images, int[] labels) {}

  static DataSet strokes(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor images = Tensor.zeros(count, 1, SIDE, SIDE);
    int[] labels = new int[count];
    for (int n = 0; n < count; n++) {
      int label = random.nextInt(CLASSES);
      labels[n] = label;
      int at = random.nextInt(1, SIDE - 1);
      for (int i = 1; i < SIDE - 1; i++) {
        int row = label == 0 ? at : label == 1 ? i : i;
        int col = label == 0 ? i : label == 1 ? at : i;
        images.set(1f, n, 0, row, col);
      }
      for (int i = 0; i < SIDE * SIDE; i++) {
        images.data()[n * SIDE * SIDE + i] += (float) random.nextDouble(-0.3, 0.3);
      }
    }
    return new DataSet(images, labels);
  }

  static Sequential model(long seed) {
    return new Sequential(
        Shape.of(1, SIDE, SIDE),
        new Conv2d(1, 6, 3, seed),
        new Relu(),
        new MaxPool2d(2),
        new Flatten(),
        new Dropout(0.25, seed + 1),
        new Dense(6 * 3 * 3, CLASSES, seed + 2));
  }

  /** Trains for some epochs and returns the final weights of the dense layer, for comparison. */
  static float[] train(Sequential model, DataSet data, int epochs, double[] firstAndLastLoss) {
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    Adam adam = new Adam(model.parameters(), 0.01);
    int batch = 20;
    int batches = data.labels().length / batch;
    long step = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double epochLoss = 0;
      for (int b = 0; b < batches; b++) {
        Tensor x = Tensor.zeros(batch, 1, SIDE, SIDE);
        System.arraycopy(data.images().data(), b * x.size(), x.data(), 0, x.size());
        int[] y = java.util.Arrays.copyOfRange(data.labels(), b * batch, (b + 1) * batch);
        model.zeroGrad();
        SoftmaxCrossEntropy.Result r = loss.compute(model.forward(x, Mode.train(step++)), y);
        model.backward(r.logitsGradient());
        adam.step();
        epochLoss += r.loss() / batches;
      }
      if (epoch == 0) {
        firstAndLastLoss[0] = epochLoss;
      }
      firstAndLastLoss[1] = epochLoss;
    }
    return model.parameters().getLast().value().data().clone();
  }

  @Test
  void smallCnn_drivesItsLossDown_andClassifiesHeldOutImages() {
    DataSet train = strokes(600, 1);
    DataSet test = strokes(300, 2);
    Sequential model = model(7);
    double[] losses = new double[2];
    train(model, train, 8, losses);
    System.out.printf("small CNN: first epoch loss %.4f, last %.4f%n", losses[0], losses[1]);
    assertTrue(
        losses[1] < 0.2 * losses[0], () -> "loss only went " + losses[0] + " -> " + losses[1]);

    SoftmaxCrossEntropy.Result r =
        new SoftmaxCrossEntropy().compute(model.forward(test.images(), Mode.EVAL), test.labels());
    double accuracy = r.correct() / 300.0;
    System.out.printf("small CNN: held-out accuracy %.3f, loss %.4f%n", accuracy, r.loss());
    assertTrue(accuracy >= 0.97, () -> "held-out accuracy " + accuracy);
  }

  @Test
  void training_isBitIdenticalForTheSameSeed() {
    DataSet data = strokes(200, 3);
    float[] a = train(model(11), data, 2, new double[2]);
    float[] b = train(model(11), data, 2, new double[2]);
    assertArrayEquals(a, b);
  }
}
