package dev.handwritten.layers;

import dev.handwritten.init.Initializer;
import dev.handwritten.kernels.Im2row;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/**
 * 2-D convolution (cross-correlation, as in every framework) lowered to matrix products, in one of
 * two ways ({@link Lowering}), chosen by the length {@code C*K*K} of a patch. With {@code x [N, C,
 * H, W]}, {@code W [OC, C, K, K]} seen as {@code [OC, C*K*K]}, the unfolding {@code U(x)} that lays
 * every patch out as a row ({@code [P, C*K*K]} for {@code P = N*OH*OW} positions), and {@code y,
 * dy} seen as {@code [P, OC]}, the layer is
 *
 * <pre>
 *   y  = U(x) * W^T + bias          forward
 *   dW = dy^T * U(x),  dBias = sum of dy over positions
 *   dx = U^T(dy * W)                U^T folds patches back, adding where they overlap
 * </pre>
 *
 * and the two lowerings write those products down: {@link Lowering#ROWS} for the whole batch at
 * once on channels-last rows (see {@code ConvolutionByRows}), {@link Lowering#COLUMNS} per sample
 * with the bias riding in the product (see {@code ConvolutionByColumns}).
 *
 * <p>Output sizes are floored: {@code OH = floor((H + 2*padding - K) / stride) + 1}, as in PyTorch
 * and Keras. The layer's interface, its parameters and model files are channels-first; the
 * lowering's buffers live until the batch size changes, so a training step allocates nothing.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 32, 3, 1, 0, Initializer.GLOROT_UNIFORM, 42); // 1->32 channels, 3x3
 * Tensor y = conv.forward(x, Mode.EVAL);                                  // [N, 32, 26, 26]
 * }</pre>
 */
public final class Conv2d implements Layer {
  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final Parameter weight; // [OC, C, K, K]
  private final Parameter bias; // [OC]

  private final Lowering lowering;
  private Tensor input; // the last forward's input, [N, C, H, W]
  private Tensor output; // [N, OC, OH, OW]
  private Tensor inputGradient; // [N, C, H, W]
  private LoweredConvolution lowered; // its buffers, for the last forward's batch size

  /**
   * A convolution of the given sizes, its weights drawn by {@code init}.
   *
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
    this.lowering = inChannels * area < 16 ? Lowering.COLUMNS : Lowering.ROWS;
  }

  /**
   * A convolution with stride 1, no padding and Glorot-uniform weights (Keras's defaults).
   *
   * @param inChannels C, channels of the input
   * @param outChannels OC, channels of the output
   * @param kernelSize K, the side of the square kernel
   * @param seed seeds the weights
   * @throws IllegalArgumentException if a size is below 1
   */
  public Conv2d(int inChannels, int outChannels, int kernelSize, long seed) {
    this(inChannels, outChannels, kernelSize, 1, 0, Initializer.GLOROT_UNIFORM, seed);
  }

  /** {@return the weight, {@code [OC, C, K, K]}} */
  public Parameter weight() {
    return weight;
  }

  /** {@return the bias, {@code [OC]}} */
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

  /** How this layer lowers the convolution to matrix products, chosen from its patch size. */
  public enum Lowering {
    /** Per sample, {@code y = W * im2col(x)}: for short patches, where reordering costs most. */
    COLUMNS,
    /** The whole batch in one product on channels-last rows ({@link Im2row}). */
    ROWS
  }

  /**
   * {@return how the convolution becomes a matrix product} {@link Lowering#COLUMNS} when a patch
   * ({@code C*K*K}) is shorter than 16 values, as for a first convolution on grey images, else
   * {@link Lowering#ROWS}.
   */
  public Lowering lowering() {
    return lowering;
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    Shape outShape = Checks.outputShape(this, input, output, x.shape());
    if (output == null || !input.shape().equals(x.shape())) {
      output = Tensor.zeros(outShape);
      ConvGeometry g =
          new ConvGeometry(
              x.shape().dim(0),
              inChannels,
              x.shape().dim(2),
              x.shape().dim(3),
              outChannels,
              kernelSize,
              stride,
              padding,
              outShape.dim(2),
              outShape.dim(3));
      lowered = lowering == Lowering.ROWS ? new ConvolutionByRows(g) : new ConvolutionByColumns(g);
    }
    input = x;
    lowered.forward(x.data(), weight.value().data(), bias.value().data(), output.data());
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    backwardParametersOnly(dy);
    inputGradient = Checks.reuse(inputGradient, input.shape());
    lowered.backwardInput(dy.data(), weight.value().data(), inputGradient.data());
    return inputGradient;
  }

  @Override
  public void backwardParametersOnly(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    lowered.backwardParameters(dy.data(), weight.grad().data(), bias.grad().data());
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
