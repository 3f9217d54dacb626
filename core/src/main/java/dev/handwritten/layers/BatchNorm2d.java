package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;

/**
 * Batch normalization of images {@code [N, C, H, W]}, per channel over {@code N, H, W}; see {@link
 * BatchNorm} for the math and the running statistics.
 *
 * <pre>{@code
 * new BatchNorm2d(32)   // after a Conv2d with 32 output channels; momentum 0.1, eps 1e-5
 * }</pre>
 */
public final class BatchNorm2d extends BatchNorm {
  /**
   * Batch normalization with PyTorch's defaults: momentum 0.1, eps 1e-5.
   *
   * @param channels the number of channels, the {@code C} of the input {@code [N, C, H, W]}
   */
  public BatchNorm2d(int channels) {
    this(channels, 0.1, 1e-5);
  }

  /**
   * Batch normalization with the given momentum and eps.
   *
   * @param channels the number of channels, the {@code C} of the input {@code [N, C, H, W]}
   * @param momentum weight of the newest batch in the running statistics, in (0, 1]
   * @param eps added to the variance, positive
   */
  public BatchNorm2d(int channels, double momentum, double eps) {
    super(channels, momentum, eps);
  }

  @Override
  String kind() {
    return "BatchNorm2d";
  }

  @Override
  int spatial(Shape in) {
    return in.dim(2) * in.dim(3);
  }

  @Override
  public Shape outputShape(Shape in) {
    if (in.rank() != 4 || in.dim(1) != channels()) {
      throw new IllegalArgumentException(
          this + ": expected input [N, " + channels() + ", H, W], got " + in);
    }
    return in;
  }
}
