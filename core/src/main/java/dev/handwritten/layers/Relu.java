package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/**
 * {@code y = max(0, x)}; {@code dx = dy} where {@code x > 0}, else 0 (the derivative at exactly 0
 * is taken as 0, as in PyTorch). Works on any shape.
 */
public final class Relu implements Layer {
  private Tensor output;
  private Tensor inputGradient;

  /** A ReLU layer; it has no parameters. */
  public Relu() {}

  @Override
  public Shape outputShape(Shape in) {
    return in;
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    output = Checks.reuse(output, x.shape());
    float[] in = x.data();
    float[] y = output.data();
    for (int i = 0; i < in.length; i++) {
      y[i] = Math.max(0f, in[i]);
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    inputGradient = Checks.reuse(inputGradient, dy.shape());
    float[] y = output.data();
    float[] g = dy.data();
    float[] dx = inputGradient.data();
    for (int i = 0; i < g.length; i++) {
      // A multiply by 0 or 1 instead of a branch: half the outputs are zero, at random, and a
      // mispredicted branch per element cost more than the whole multiply.
      dx[i] = g[i] * Math.min(1f, Math.signum(y[i]));
    }
    return inputGradient;
  }

  @Override
  public String toString() {
    return "Relu";
  }
}
