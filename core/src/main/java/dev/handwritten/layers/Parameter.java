package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/**
 * A trainable tensor and its gradient, of the same shape. Backward passes add into {@link #grad()};
 * {@link #zeroGrad()} starts a new batch. Optimizers read the gradient and update the value; they
 * keep their own state (moments) and never store it here.
 */
public final class Parameter {
  private final String name;
  private final Tensor value;
  private final Tensor grad;

  /**
   * @param name for messages and model files, for example {@code "weight"}
   */
  public Parameter(String name, Shape shape) {
    this.name = name;
    this.value = Tensor.zeros(shape);
    this.grad = Tensor.zeros(shape);
  }

  public String name() {
    return name;
  }

  public Tensor value() {
    return value;
  }

  public Tensor grad() {
    return grad;
  }

  public Shape shape() {
    return value.shape();
  }

  /** Sets the gradient to zero. */
  public void zeroGrad() {
    grad.fillZero();
  }

  @Override
  public String toString() {
    return name + value.shape();
  }
}
