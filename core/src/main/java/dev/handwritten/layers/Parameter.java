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
   * A parameter of zeros, with a gradient of zeros.
   *
   * @param name for messages and model files, for example {@code "weight"}
   * @param shape the shape of the value and of the gradient
   */
  public Parameter(String name, Shape shape) {
    this.name = name;
    this.value = Tensor.zeros(shape);
    this.grad = Tensor.zeros(shape);
  }

  /** {@return the name, for example {@code "weight"}} */
  public String name() {
    return name;
  }

  /** {@return the value, which optimizers update in place} */
  public Tensor value() {
    return value;
  }

  /** {@return the gradient, which backward passes add into} */
  public Tensor grad() {
    return grad;
  }

  /** {@return the shape of the value and of the gradient} */
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
