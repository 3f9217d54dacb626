package dev.handwritten.layers;

import dev.handwritten.kernels.Pooling;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/**
 * Max pooling over {@code K x K} windows per channel, without padding. {@code y} is each window's
 * maximum; backward routes each output gradient to the input that held the maximum (the first one
 * on ties, as in PyTorch), so overlapping windows ({@code stride < K}) can send several gradients
 * to one input, which then sum. Output sizes are floored: {@code OH = floor((H - K) / stride) + 1},
 * so trailing rows and columns that do not fill a window are dropped, as in PyTorch and Keras.
 */
public final class MaxPool2d implements Layer {
  private final int kernelSize;
  private final int stride;

  private Tensor input; // [N, C, H, W]
  private Tensor output; // [N, C, OH, OW]
  private Tensor inputGradient; // [N, C, H, W]
  private int[] argmax; // [N, C, OH, OW], flat indices into the input

  /**
   * Max-pooling over square windows; output sizes are floored.
   *
   * @param kernelSize K, the side of the window
   * @param stride the step between windows
   * @throws IllegalArgumentException if {@code kernelSize} or {@code stride} is below 1
   */
  public MaxPool2d(int kernelSize, int stride) {
    Checks.requirePositive("MaxPool2d", "kernelSize", kernelSize);
    Checks.requirePositive("MaxPool2d", "stride", stride);
    this.kernelSize = kernelSize;
    this.stride = stride;
  }

  /**
   * Non-overlapping windows: the stride is the kernel size (PyTorch's and Keras's default).
   *
   * @param kernelSize K, the side of the window and the stride
   * @throws IllegalArgumentException if {@code kernelSize} is below 1
   */
  public MaxPool2d(int kernelSize) {
    this(kernelSize, kernelSize);
  }

  @Override
  public Shape outputShape(Shape in) {
    if (in.rank() != 4) {
      throw new IllegalArgumentException(this + ": expected input [N, C, H, W], got " + in);
    }
    if (in.dim(2) < kernelSize || in.dim(3) < kernelSize) {
      throw new IllegalArgumentException(
          this
              + ": expected height and width >= "
              + kernelSize
              + ", got "
              + in
              + "; the image is smaller than one window");
    }
    return Shape.of(
        in.dim(0),
        in.dim(1),
        (in.dim(2) - kernelSize) / stride + 1,
        (in.dim(3) - kernelSize) / stride + 1);
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    Shape outShape = Checks.outputShape(this, input, output, x.shape());
    if (output == null || !output.shape().equals(outShape)) {
      output = Tensor.zeros(outShape);
      argmax = new int[outShape.size()];
    }
    input = x;
    Pooling.maxPoolForward(
        x.data(),
        x.shape().dim(0) * x.shape().dim(1),
        x.shape().dim(2),
        x.shape().dim(3),
        kernelSize,
        stride,
        output.data(),
        argmax);
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    inputGradient = Checks.reuse(inputGradient, input.shape());
    inputGradient.fillZero();
    Pooling.maxPoolBackward(dy.data(), argmax, dy.size(), inputGradient.data());
    return inputGradient;
  }

  /** For example {@code MaxPool2d(k=2, s=2)}. */
  @Override
  public String toString() {
    return "MaxPool2d(k=" + kernelSize + ", s=" + stride + ")";
  }
}
