package example;

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
 * A program of another project that depends on handwritten-core: a two-layer network learns which
 * points lie inside a circle, then is measured on fresh points. Exits with an error if it did not
 * learn, so the build that runs it fails.
 */
public final class UseCore {
  private UseCore() {}

  public static void main(String[] args) {
    Sequential model =
        new Sequential(Shape.of(2), new Dense(2, 32, 1), new Relu(), new Dense(32, 2, 2));
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    Adam adam = new Adam(model.parameters(), 0.01);

    SplittableRandom random = new SplittableRandom(42);
    Tensor points = Tensor.zeros(64, 2); // [N, 2]
    int[] labels = new int[64];
    for (int step = 0; step < 1500; step++) {
      sample(random, points, labels);
      model.zeroGrad();
      Tensor logits = model.forward(points, Mode.train(step)); // [N, 2]
      SoftmaxCrossEntropy.Result result = loss.compute(logits, labels);
      model.backward(result.logitsGradient());
      adam.step();
    }

    sample(random, points, labels);
    int correct = loss.compute(model.forward(points, Mode.EVAL), labels).correct();
    System.out.printf("use-core: %d of %d fresh points classified right%n", correct, labels.length);
    if (correct < 0.9 * labels.length) {
      throw new IllegalStateException("use-core: the network did not learn the circle");
    }
  }

  /** Points in [-1, 1]^2, labelled 1 outside the circle of radius 0.7 and 0 inside. */
  private static void sample(SplittableRandom random, Tensor points, int[] labels) {
    float[] xy = points.data();
    for (int n = 0; n < labels.length; n++) {
      xy[2 * n] = (float) random.nextDouble(-1, 1);
      xy[2 * n + 1] = (float) random.nextDouble(-1, 1);
      labels[n] = xy[2 * n] * xy[2 * n] + xy[2 * n + 1] * xy[2 * n + 1] > 0.49 ? 1 : 0;
    }
  }
}
