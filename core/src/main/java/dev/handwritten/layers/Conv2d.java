package dev.handwritten.layers;

import dev.handwritten.init.Initializer;
import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Im2col;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/**
 * 2-D convolution (cross-correlation, as in every framework) by im2col + GEMM. Per sample:
 *
 * <pre>
 *   cols = im2col(x)                      [C*K*K, OH*OW]
 *   y    = weight * cols + bias           [OC, OH*OW]
 *   dWeight += dy * cols^T                [OC, C*K*K]
 *   dBias   += sum of dy over OH*OW       [OC]
 *   dx       = col2im(weight^T * dy)      [C, H, W]
 * </pre>
 *
 * Output sizes are floored: {@code OH = floor((H + 2*padding - K) / stride) + 1}, as in PyTorch and
 * Keras.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 32, 3, 1, 0, Initializer.GLOROT_UNIFORM, 42); // 1->32 channels, 3x3
 * Tensor y = conv.forward(x, Mode.EVAL);                                  // [N, 32, 26, 26]
 * }</pre>
 */
public final class Conv2d implements Layer {
  /*
   * Design notes. The columns of every sample of the batch are kept from forward to backward
   * ([N, C*K*K, OH*OW]: 25 MB for the reference CNN's second convolution at batch 128), because the
   * weight gradient needs exactly them; recomputing them would cost a second im2col per step. The
   * column gradient needs only one sample's worth at a time. All buffers live until the batch size
   * changes, so a training step allocates nothing.
   */
  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final Parameter weight; // [OC, C, K, K]
  private final Parameter bias; // [OC]

  private Tensor input; // the last forward's input, [N, C, H, W]
  private Tensor output; // [N, OC, OH, OW]
  private Tensor inputGradient; // [N, C, H, W]
  private float[] cols; // [N, C*K*K, OH*OW]
  private float[] colsGradient; // [C*K*K, OH*OW]

  /**
   * @param inChannels C, channels of the input
   * @param outChannels OC, channels of the output (number of filters)
   * @param kernelSize K, the side of the square kernel
   * @param stride the step between kernel positions, at least 1
   * @param padding zeros added on each side of the image, at least 0
   * @param init how to draw the weights (fan-in {@code C*K*K}, fan-out {@code OC*K*K}); biases
   *     start at zero
   * @param seed seeds the weights: the same seed gives the same weights
   * @throws IllegalArgumentException if a size is out of range
   */
  public Conv2d(
      int inChannels,
      int outChannels,
      int kernelSize,
      int stride,
      int padding,
      Initializer init,
      long seed) {
    String who = "Conv2d";
    Checks.requirePositive(who, "inChannels", inChannels);
    Checks.requirePositive(who, "outChannels", outChannels);
    Checks.requirePositive(who, "kernelSize", kernelSize);
    Checks.requirePositive(who, "stride", stride);
    Checks.requireNonNegative(who, "padding", padding);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.weight =
        new Parameter("weight", Shape.of(outChannels, inChannels, kernelSize, kernelSize));
    this.bias = new Parameter("bias", Shape.of(outChannels));
    int area = kernelSize * kernelSize;
    init.fill(weight.value().data(), inChannels * area, outChannels * area, seed);
  }

  /** A convolution with stride 1, no padding and Glorot-uniform weights (Keras's defaults). */
  public Conv2d(int inChannels, int outChannels, int kernelSize, long seed) {
    this(inChannels, outChannels, kernelSize, 1, 0, Initializer.GLOROT_UNIFORM, seed);
  }

  public Parameter weight() {
    return weight;
  }

  public Parameter bias() {
    return bias;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public Shape outputShape(Shape in) {
    if (in.rank() != 4 || in.dim(1) != inChannels) {
      throw new IllegalArgumentException(
          this + ": expected input [N, " + inChannels + ", H, W], got " + in);
    }
    int outH = Im2col.outputSize(in.dim(2), kernelSize, stride, padding);
    int outW = Im2col.outputSize(in.dim(3), kernelSize, stride, padding);
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException(
          this
              + ": expected an input of at least "
              + kernelSize
              + "x"
              + kernelSize
              + " after padding, got "
              + in
              + "; output would be (H + 2*"
              + padding
              + " - "
              + kernelSize
              + ") / "
              + stride
              + " + 1 = "
              + outH
              + " by "
              + outW);
    }
    return Shape.of(in.dim(0), outChannels, outH, outW);
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    Shape outShape = outputShape(x.shape());
    int batch = x.shape().dim(0);
    int height = x.shape().dim(2);
    int width = x.shape().dim(3);
    int patch = inChannels * kernelSize * kernelSize;
    int positions = outShape.dim(2) * outShape.dim(3);
    if (output == null || !output.shape().equals(outShape) || !input.shape().equals(x.shape())) {
      output = Tensor.zeros(outShape);
      cols = new float[batch * patch * positions];
      colsGradient = new float[patch * positions];
    }
    input = x;
    float[] y = output.data();
    float[] b = bias.value().data();
    for (int n = 0; n < batch; n++) {
      int colsOffset = n * patch * positions;
      int yOffset = n * outChannels * positions;
      Im2col.im2col(
          x.data(),
          n * inChannels * height * width,
          inChannels,
          height,
          width,
          kernelSize,
          stride,
          padding,
          cols,
          colsOffset);
      Gemm.gemm(
          false,
          false,
          outChannels,
          positions,
          patch,
          weight.value().data(),
          0,
          cols,
          colsOffset,
          y,
          yOffset,
          false);
      for (int oc = 0; oc < outChannels; oc++) {
        int row = yOffset + oc * positions;
        for (int i = 0; i < positions; i++) {
          y[row + i] += b[oc];
        }
      }
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    Shape inShape = input.shape();
    int batch = inShape.dim(0);
    int height = inShape.dim(2);
    int width = inShape.dim(3);
    int patch = inChannels * kernelSize * kernelSize;
    int positions = output.shape().dim(2) * output.shape().dim(3);
    inputGradient = Checks.reuse(inputGradient, inShape);
    inputGradient.fillZero();
    float[] g = dy.data();
    float[] dBias = bias.grad().data();
    for (int n = 0; n < batch; n++) {
      int colsOffset = n * patch * positions;
      int dyOffset = n * outChannels * positions;
      // dWeight[OC, C*K*K] += dy[OC, OH*OW] * cols^T
      Gemm.gemm(
          false,
          true,
          outChannels,
          patch,
          positions,
          g,
          dyOffset,
          cols,
          colsOffset,
          weight.grad().data(),
          0,
          true);
      for (int oc = 0; oc < outChannels; oc++) {
        int row = dyOffset + oc * positions;
        float sum = 0;
        for (int i = 0; i < positions; i++) {
          sum += g[row + i];
        }
        dBias[oc] += sum;
      }
      // dCols[C*K*K, OH*OW] = weight^T * dy, then folded back into the image.
      Gemm.gemm(
          true,
          false,
          patch,
          positions,
          outChannels,
          weight.value().data(),
          0,
          g,
          dyOffset,
          colsGradient,
          0,
          false);
      Im2col.col2im(
          colsGradient,
          0,
          inChannels,
          height,
          width,
          kernelSize,
          stride,
          padding,
          inputGradient.data(),
          n * inChannels * height * width);
    }
    return inputGradient;
  }

  /** For example {@code Conv2d(1->32, k=3, s=1, p=0)}. */
  @Override
  public String toString() {
    return "Conv2d("
        + inChannels
        + "->"
        + outChannels
        + ", k="
        + kernelSize
        + ", s="
        + stride
        + ", p="
        + padding
        + ")";
  }
}
