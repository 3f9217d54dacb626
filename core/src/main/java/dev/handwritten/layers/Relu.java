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
      dx[i] = y[i] > 0f ? g[i] : 0f;
    }
    return inputGradient;
  }

  @Override
  public String toString() {
    return "Relu";
  }
}
