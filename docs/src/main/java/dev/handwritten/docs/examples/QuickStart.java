package dev.handwritten.docs.examples;

import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Relu;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.optim.Adam;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The smallest complete use of core: a two-layer network learns to tell points inside a circle from
 * points outside it. Shown in the README and in docs/using-core.md; run by the docs module's tests.
 */
public final class QuickStart {
  private QuickStart() {}

  /** What one run achieved. */
  public record Outcome(double firstLoss, double lastLoss, double accuracy) {}

  /** Trains for {@code steps} batches and measures accuracy on fresh points. */
  public static Outcome run(int steps, long seed) {
    // snippet:quickstart
    Sequential model =
        new Sequential(
            Shape.of(2), // one sample: a point (x, y)
            new Dense(2, 32, seed),
            new Relu(),
            new Dense(32, 2, seed + 1)); // two classes: inside, outside
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    Adam adam = new Adam(model.parameters(), Adam.Config.DEFAULT.withLearningRate(0.01));

    SplittableRandom random = new SplittableRandom(seed);
    Tensor points = Tensor.zeros(64, 2); // [N, 2]
    int[] labels = new int[64];
    double firstLoss = 0;
    double lastLoss = 0;
    for (int step = 0; step < steps; step++) {
      sample(random, points, labels);
      model.zeroGrad();
      Tensor logits = model.forward(points, Mode.train(step)); // [N, 2]
      SoftmaxCrossEntropy.Result result = loss.compute(logits, labels);
      model.backward(result.logitsGradient()); // adds into every parameter's gradient
      adam.step();
      firstLoss = step == 0 ? result.loss() : firstLoss;
      lastLoss = result.loss();
    }
    // end-snippet

    sample(random, points, labels);
    int correct = loss.compute(model.forward(points, Mode.EVAL), labels).correct();
    return new Outcome(firstLoss, lastLoss, correct / 64.0);
  }

  /** Points uniform in [-1, 1]^2; label 1 if outside the circle of radius 0.7. */
  static void sample(SplittableRandom random, Tensor points, int[] labels) {
    float[] xy = points.data();
    for (int n = 0; n < labels.length; n++) {
      xy[2 * n] = (float) random.nextDouble(-1, 1);
      xy[2 * n + 1] = (float) random.nextDouble(-1, 1);
      labels[n] = xy[2 * n] * xy[2 * n] + xy[2 * n + 1] * xy[2 * n + 1] > 0.49 ? 1 : 0;
    }
  }

  /** Prints the loss before and after training, and the accuracy on fresh points. */
  public static void main(String[] args) {
    Outcome outcome = run(2000, 42);
    System.out.printf(
        "circle classifier: loss %.3f -> %.3f, accuracy on fresh points %.1f%%%n",
        outcome.firstLoss(), outcome.lastLoss(), 100 * outcome.accuracy());
  }
}
