package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;

/**
 * Batch normalization of features {@code [N, F]}, per feature over the batch; see {@link BatchNorm}
 * for the math and the running statistics.
 */
public final class BatchNorm1d extends BatchNorm {
  /**
   * Batch normalization with PyTorch's defaults: momentum 0.1, eps 1e-5.
   *
   * @param features the number of features, the {@code F} of the input {@code [N, F]}
   */
  public BatchNorm1d(int features) {
    this(features, 0.1, 1e-5);
  }

  /**
   * Batch normalization with the given momentum and eps.
   *
   * @param features the number of features, the {@code F} of the input {@code [N, F]}
   * @param momentum weight of the newest batch in the running statistics, in (0, 1]
   * @param eps added to the variance, positive
   */
  public BatchNorm1d(int features, double momentum, double eps) {
    super(features, momentum, eps);
  }

  @Override
  String kind() {
    return "BatchNorm1d";
  }

  @Override
  int spatial(Shape in) {
    return 1;
  }

  @Override
  public Shape outputShape(Shape in) {
    if (in.rank() != 2 || in.dim(1) != channels()) {
      throw new IllegalArgumentException(
          this + ": expected input [N, " + channels() + "], got " + in);
    }
    return in;
  }
}
