package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/** The argument and state checks the layers share, with messages in one format. */
final class Checks {
  private Checks() {}

  static void requirePositive(String who, String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(who + ": expected " + what + " >= 1, got " + value);
    }
  }

  static void requireNonNegative(String who, String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(who + ": expected " + what + " >= 0, got " + value);
    }
  }

  /** Checks that backward follows a forward, and that dy has the output's shape. */
  static void requireGradientFor(Object layer, Tensor output, Tensor dy) {
    if (output == null) {
      throw new IllegalStateException(
          layer + ": backward called before forward; run forward on the batch first");
    }
    if (!dy.shape().equals(output.shape())) {
      throw new IllegalArgumentException(
          layer + ": expected output gradient " + output.shape() + ", got " + dy.shape());
    }
  }

  /**
   * {@code layer.outputShape(in)}, or, when {@code in} is the shape of the layer's last input, the
   * last output's shape, already checked: a forward pass in steady state then makes no new shape.
   */
  static Shape outputShape(Layer layer, Tensor lastInput, Tensor lastOutput, Shape in) {
    return lastInput != null && lastOutput != null && lastInput.shape().equals(in)
        ? lastOutput.shape()
        : layer.outputShape(in);
  }

  /** A tensor of this shape: the cached one if it fits, else a new one. */
  static Tensor reuse(Tensor cached, Shape shape) {
    return cached != null && cached.shape().equals(shape) ? cached : Tensor.zeros(shape);
  }
}
