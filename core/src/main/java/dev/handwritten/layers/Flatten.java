package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/**
 * Reshapes {@code [N, d1, d2, ...]} to {@code [N, d1*d2*...]} in row-major order (channels first
 * for images, as in PyTorch). No data moves: the output is a view of the input, and the gradient a
 * view of the output gradient.
 */
public final class Flatten implements Layer {
  private Shape inputShape;
  private Shape outputShape;
  // The last views made, kept while the same tensors come back (a layer reuses its buffers), so
  // that a step in steady state makes no new objects.
  private Tensor input;
  private Tensor output;
  private Tensor outputGradient;
  private Tensor inputGradient;

  /** A flatten layer; it has no parameters. */
  public Flatten() {}

  @Override
  public Shape outputShape(Shape in) {
    if (in.rank() < 2) {
      throw new IllegalArgumentException(
          this + ": expected input [N, ...] of rank >= 2, got " + in);
    }
    return Shape.of(in.dim(0), in.size() / in.dim(0));
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    if (x != input) {
      outputShape = outputShape(x.shape());
      inputShape = x.shape();
      output = x.reshape(outputShape);
      input = x;
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    if (outputShape == null) {
      throw new IllegalStateException(
          this + ": backward called before forward; run forward on the batch first");
    }
    if (!dy.shape().equals(outputShape)) {
      throw new IllegalArgumentException(
          this + ": expected output gradient " + outputShape + ", got " + dy.shape());
    }
    if (dy != outputGradient) {
      inputGradient = dy.reshape(inputShape);
      outputGradient = dy;
    }
    return inputGradient;
  }

  @Override
  public String toString() {
    return "Flatten";
  }
}
