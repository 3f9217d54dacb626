package dev.handwritten.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Layer;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Parameter;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
  /**
   * y = scale * x^2 elementwise, with a scalar parameter scale; backward can be broken on purpose.
   */
  private static final class Square implements Layer {
    private final Parameter scale = new Parameter("scale", Shape.of(1));
    private final boolean brokenInput;
    private final boolean brokenParameter;
    private Tensor input;

    Square(boolean brokenInput, boolean brokenParameter) {
      this.brokenInput = brokenInput;
      this.brokenParameter = brokenParameter;
      scale.value().data()[0] = 1.5f;
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }

    @Override
    public Tensor forward(Tensor x, Mode mode) {
      input = x;
      Tensor y = Tensor.zeros(x.shape());
      for (int i = 0; i < x.size(); i++) {
        y.data()[i] = scale.value().data()[0] * x.data()[i] * x.data()[i];
      }
      return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
      Tensor dx = Tensor.zeros(dy.shape());
      float s = scale.value().data()[0];
      for (int i = 0; i < dy.size(); i++) {
        float x = input.data()[i];
        dx.data()[i] = dy.data()[i] * (brokenInput ? s * x : 2 * s * x); // broken: forgets the 2
        scale.grad().data()[0] += dy.data()[i] * x * (brokenParameter ? 1 : x);
      }
      return dx;
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(scale);
    }

    @Override
    public String toString() {
      return "Square";
    }
  }

  @Test
  void check_passesACorrectBackward() {
    GradientCheck.Report report =
        GradientCheck.check(new Square(false, false), Fixtures.uniform(1, 3, 4), Mode.EVAL, 2);
    assertTrue(report.passed(), report::toString);
    assertEquals(
        List.of("input", "scale"), report.tensors().stream().map(t -> t.tensor()).toList());
    assertEquals(12, report.tensors().get(0).checked());
  }

  @Test
  void check_catchesAWrongInputGradient() {
    GradientCheck.Report report =
        GradientCheck.check(new Square(true, false), Fixtures.uniform(1, 3, 4), Mode.EVAL, 2);
    assertFalse(report.passed());
    assertEquals(0.5, report.tensors().get(0).relativeError(), 0.01); // half the true gradient
    assertTrue(report.tensors().get(1).relativeError() < GradientCheck.TOLERANCE);
  }

  @Test
  void check_catchesAWrongParameterGradient() {
    GradientCheck.Report report =
        GradientCheck.check(new Square(false, true), Fixtures.uniform(1, 3, 4), Mode.EVAL, 2);
    assertFalse(report.passed());
    assertTrue(report.toString().contains("scale: worst error"), report::toString);
  }

  @Test
  void check_restoresParameterValues() {
    Square square = new Square(false, false);
    GradientCheck.check(square, Fixtures.uniform(1, 3, 4), Mode.EVAL, 2);
    assertEquals(1.5f, square.parameters().get(0).value().data()[0]);
  }

  @Test
  void relativeError_isAbsoluteBelowOneHundredth() {
    assertEquals(0.5, GradientCheck.relativeError(1.0, 0.5), 1e-12);
    assertEquals(0.1, GradientCheck.relativeError(0.0, 0.001), 1e-12);
  }
}
