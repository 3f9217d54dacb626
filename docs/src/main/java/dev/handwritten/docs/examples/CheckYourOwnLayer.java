package dev.handwritten.docs.examples;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.layers.Layer;
import dev.handwritten.layers.Mode;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Writing a layer of your own and proving its backward pass with {@link GradientCheck}: a leaky
 * ReLU. Shown in docs/gradient-checking.md; run by the docs module's tests.
 */
public final class CheckYourOwnLayer {
  private CheckYourOwnLayer() {}

  // snippet:leaky-relu
  /** {@code y = x} for {@code x > 0}, else {@code slope * x}. */
  public static final class LeakyRelu implements Layer {
    private final float slope;
    private Tensor input;
    private Tensor output;

    public LeakyRelu(float slope) {
      this.slope = slope;
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
      input = x;
      output = Tensor.zeros(x.shape());
      for (int i = 0; i < x.size(); i++) {
        float v = x.data()[i];
        output.data()[i] = v > 0 ? v : slope * v;
      }
      return output;
    }

    @Override
    public Tensor backward(Tensor dy) {
      Tensor dx = Tensor.zeros(dy.shape());
      for (int i = 0; i < dy.size(); i++) {
        dx.data()[i] = dy.data()[i] * (input.data()[i] > 0 ? 1 : slope);
      }
      return dx;
    }

    @Override
    public String toString() {
      return "LeakyRelu(" + slope + ")";
    }
  }

  // end-snippet

  /** Runs the check; the report lists the worst error for the input (this layer has no weights). */
  public static GradientCheck.Report check() {
    // snippet:check-leaky-relu
    Tensor x = Tensor.zeros(4, 10);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < x.size(); i++) {
      // keep inputs at least 0.1 away from the kink at 0: the check's step is 0.01
      double magnitude = random.nextDouble(0.1, 1);
      x.data()[i] = (float) (random.nextBoolean() ? magnitude : -magnitude);
    }
    GradientCheck.Report report = GradientCheck.check(new LeakyRelu(0.1f), x, Mode.EVAL, 7);
    System.out.println(report); // input: worst error ... at [...]
    if (!report.passed()) {
      throw new AssertionError(report);
    }
    // end-snippet
    return report;
  }

  public static void main(String[] args) {
    check();
  }
}
