package dev.handwritten.layers;

import dev.handwritten.init.Initializer;
import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Im2row;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/**
 * 2-D convolution (cross-correlation, as in every framework) by im2col + GEMM, in row layout
 * ({@link Im2row}): the whole batch is one matrix product. With {@code P = N*OH*OW} output
 * positions:
 *
 * <pre>
 *   rows = im2row(x)                       [P, C*K*K]
 *   y^T  = rows * weight^T + bias          [P, OC]      then reordered to [N, OC, OH, OW]
 *   dWeight += dy^T * rows                 [OC, C*K*K]  (dy reordered to [P, OC])
 *   dBias   += sum of dy over P            [OC]
 *   dx       = row2im(dy * weight)         [N, C, H, W]
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
   * Design notes. The rows of the whole batch are kept from forward to backward ([N*OH*OW, C*K*K]:
   * 2.2 MB for the reference CNN's second convolution on a chunk of 16 images), because the weight
   * gradient needs exactly them. One product over the batch instead of one per sample keeps the
   * GEMM's long dimension long (1,936 rows instead of 121), which is what lets the vector kernel
   * run near the machine's peak; the price is two cheap reorders between [N, OC, OH*OW] and
   * [N*OH*OW, OC]. All buffers live until the batch size changes, so a step allocates nothing.
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
  private float[] rows; // [N*OH*OW, C*K*K]
  private float[] rowsGradient; // [N*OH*OW, C*K*K]
  private float[] positionMajor; // [N*OH*OW, OC]: y^T in forward, dy^T in backward

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
    int outH = Im2row.outputSize(in.dim(2), kernelSize, stride, padding);
    int outW = Im2row.outputSize(in.dim(3), kernelSize, stride, padding);
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
      rows = new float[batch * positions * patch];
      rowsGradient = new float[batch * positions * patch];
      positionMajor = new float[batch * positions * outChannels];
    }
    input = x;
    for (int n = 0; n < batch; n++) {
      Im2row.im2row(
          x.data(),
          n * inChannels * height * width,
          inChannels,
          height,
          width,
          kernelSize,
          stride,
          padding,
          rows,
          n * positions * patch);
    }
    // y^T[P, OC] = rows[P, C*K*K] * weight^T
    Gemm.gemm(
        false,
        true,
        batch * positions,
        outChannels,
        patch,
        rows,
        0,
        weight.value().data(),
        0,
        positionMajor,
        0,
        false);
    float[] y = output.data();
    Im2row.transposeSamples(positionMajor, batch, positions, outChannels, y);
    float[] b = bias.value().data();
    for (int n = 0; n < batch; n++) {
      for (int oc = 0; oc < outChannels; oc++) {
        int row = (n * outChannels + oc) * positions;
        for (int i = 0; i < positions; i++) {
          y[row + i] += b[oc];
        }
      }
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    backwardParametersOnly(dy);
    Shape inShape = input.shape();
    int batch = inShape.dim(0);
    int height = inShape.dim(2);
    int width = inShape.dim(3);
    int patch = inChannels * kernelSize * kernelSize;
    int positions = output.shape().dim(2) * output.shape().dim(3);
    // dRows[P, C*K*K] = dy^T * weight, then folded back into the images.
    Gemm.gemm(
        false,
        false,
        batch * positions,
        patch,
        outChannels,
        positionMajor,
        0,
        weight.value().data(),
        0,
        rowsGradient,
        0,
        false);
    inputGradient = Checks.reuse(inputGradient, inShape);
    inputGradient.fillZero();
    for (int n = 0; n < batch; n++) {
      Im2row.row2im(
          rowsGradient,
          n * positions * patch,
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

  /** The weight and bias gradients alone; leaves dy^T in {@code positionMajor} for backward. */
  @Override
  public void backwardParametersOnly(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    int batch = input.shape().dim(0);
    int patch = inChannels * kernelSize * kernelSize;
    int positions = output.shape().dim(2) * output.shape().dim(3);
    float[] g = dy.data();
    float[] dBias = bias.grad().data();
    for (int n = 0; n < batch; n++) {
      for (int oc = 0; oc < outChannels; oc++) {
        int row = (n * outChannels + oc) * positions;
        float sum = 0;
        for (int i = 0; i < positions; i++) {
          sum += g[row + i];
        }
        dBias[oc] += sum;
      }
    }
    // dy^T[P, OC], the layout both products want.
    Im2row.transposeSamples(g, batch, outChannels, positions, positionMajor);
    // dWeight[OC, C*K*K] += (dy^T)^T * rows
    Gemm.gemm(
        true,
        false,
        outChannels,
        patch,
        batch * positions,
        positionMajor,
        0,
        rows,
        0,
        weight.grad().data(),
        0,
        true);
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
