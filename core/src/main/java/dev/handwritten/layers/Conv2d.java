package dev.handwritten.layers;

import dev.handwritten.init.Initializer;
import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Im2col;
import dev.handwritten.kernels.Im2row;
import dev.handwritten.kernels.RowSums;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/**
 * 2-D convolution (cross-correlation, as in every framework) lowered to matrix products, in one of
 * two ways ({@link Lowering}), chosen by the length {@code C*K*K} of a patch.
 *
 * <p>Rows ({@link Im2row}), the usual case: the whole batch is one matrix product. With {@code P =
 * N*OH*OW} output positions, and the input and weight seen channels-last inside the layer ({@code
 * x'[N, H, W, C]}, {@code W'[OC, K, K, C]}):
 *
 * <pre>
 *   rows  = im2row(x')                     [P, K*K*C]
 *   y^T   = rows * W'^T + bias             [P, OC]      then reordered to [N, OC, OH, OW]
 *   dW'^T = rows^T * dy^T                  [K*K*C, OC]  (dy reordered to [P, OC]), added into dW
 *   dBias += sum of dy over P              [OC]
 *   dx    = row2im(dy * W')                [N, H, W, C] then reordered to [N, C, H, W]
 * </pre>
 *
 * <p>Columns ({@link Im2col}), for short patches such as a first convolution on grey images (C*K*K
 * = 9): one product per sample, whose result is already in the layer's layout. There the products
 * are cheap and the reorders around them would cost more than the products themselves. The bias
 * rides in the product as one more column of the weight, against a row of ones under the unfolded
 * patches, so that neither it nor its gradient costs a pass of its own over the output:
 *
 * <pre>
 *   cols       = [im2col(x[n]); 1 ... 1]   [C*K*K + 1, OH*OW]
 *   y[n]       = [W | bias] * cols         [OC, OH*OW]
 *   [dW | dB] += dy[n] * cols^T            [OC, C*K*K + 1]
 *   dx[n]      = col2im(W^T * dy[n])       [C, H, W]
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
   * Design notes. The unfolded input of the whole batch is kept from forward to backward (for the
   * reference CNN's second convolution on the app's chunk of 4 images, rows of [484, 288]: 0.56
   * MB), because the weight gradient needs exactly it. With rows, one product over the batch
   * instead of one per sample keeps the GEMM's long dimension long (484 rows instead of 121), which
   * helps the vector kernel run near the machine's peak; the price is cheap reorders between
   * [N, OC, OH*OW] and [N*OH*OW, OC]. Channels last inside the layer makes im2row and row2im a few
   * long copies per position; the image and the weight are reordered once per call, which costs a
   * fraction of the unfolding it speeds up. With 9-value patches the reorders are what costs
   * (measured: transposes were 17% of a training step before the first convolution switched to
   * columns), hence the second lowering. There the bias rides in the product (a row of ones),
   * because a separate pass over the output for it, and a row sum of dy for its gradient, took
   * about a third of the layer's time (measured, forward plus weight gradient per chunk of 4: 197
   * us with the passes, 133-141 us without). The layer's interface, its parameters and model files
   * stay channels-first. All buffers live until the batch size changes, so a step allocates
   * nothing.
   */
  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final Parameter weight; // [OC, C, K, K]
  private final Parameter bias; // [OC]

  private Tensor input; // the last forward's input, [N, C, H, W]
  private Geometry geometry; // its sizes
  private Tensor output; // [N, OC, OH, OW]
  private Tensor inputGradient; // [N, C, H, W]
  private final Lowering lowering;
  // Rows: [N*OH*OW, K*K*C]. Columns: [N, C*K*K + 1, OH*OW], the last row all ones. Kept for the
  // weight gradient.
  private float[] unfolded;
  private float[] unfoldedGradient; // rows: as unfolded; columns: one sample's
  private float[] positionMajor; // rows only, [N*OH*OW, OC]: y^T in forward, dy^T in backward
  private float[] channelsLast; // rows only, [N, H, W, C]: the input in forward, dx in backward
  private final float[] kernelMajorWeight; // [OC, K, K, C], copied from weight by each forward
  private final float[] patchMajorGradient; // [K*K*C, OC], before it is added into weight.grad
  private final float[] weightAndBias; // columns only, [OC, C*K*K + 1], copied by each forward
  private final float[] weightAndBiasGradient; // columns only, as weightAndBias

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
    this.kernelMajorWeight = new float[outChannels * inChannels * area];
    this.patchMajorGradient = new float[outChannels * inChannels * area];
    int augmented = lowering == Lowering.COLUMNS ? outChannels * (inChannels * area + 1) : 0;
    this.weightAndBias = new float[augmented];
    this.weightAndBiasGradient = new float[augmented];
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
    int batch = x.shape().dim(0);
    int patch = inChannels * kernelSize * kernelSize;
    int positions = outShape.dim(2) * outShape.dim(3);
    boolean resized = output == null || !input.shape().equals(x.shape());
    if (resized) {
      output = Tensor.zeros(outShape);
      if (lowering == Lowering.ROWS) {
        unfolded = new float[batch * positions * patch];
      } else {
        unfolded = new float[batch * (patch + 1) * positions];
        for (int n = 0; n < batch; n++) {
          int ones = (n * (patch + 1) + patch) * positions;
          java.util.Arrays.fill(unfolded, ones, ones + positions, 1f);
        }
      }
      unfoldedGradient = new float[(lowering == Lowering.ROWS ? batch : 1) * positions * patch];
      positionMajor = lowering == Lowering.ROWS ? new float[batch * positions * outChannels] : null;
      channelsLast = lowering == Lowering.ROWS ? new float[x.size()] : null;
    }
    input = x;
    if (resized) {
      geometry = geometry();
    }
    if (lowering == Lowering.ROWS) {
      forwardByRows(x);
    } else {
      forwardByColumns(x);
    }
    return output;
  }

  private void forwardByColumns(Tensor x) {
    Geometry g = geometry;
    float[] w = weight.value().data();
    float[] b = bias.value().data();
    for (int oc = 0; oc < outChannels; oc++) {
      System.arraycopy(w, oc * g.patch, weightAndBias, oc * (g.patch + 1), g.patch);
      weightAndBias[oc * (g.patch + 1) + g.patch] = b[oc];
    }
    for (int n = 0; n < g.batch; n++) {
      int cols = n * (g.patch + 1) * g.positions;
      Im2col.im2col(
          x.data(),
          n * g.imageSize,
          inChannels,
          g.height,
          g.width,
          kernelSize,
          stride,
          padding,
          unfolded,
          cols);
      // y[OC, OH*OW] = [W | bias][OC, C*K*K + 1] * cols[C*K*K + 1, OH*OW], into the output.
      Gemm.gemm(
          false,
          false,
          outChannels,
          g.positions,
          g.patch + 1,
          weightAndBias,
          0,
          unfolded,
          cols,
          output.data(),
          n * outChannels * g.positions,
          false);
    }
  }

  private void forwardByRows(Tensor x) {
    Geometry g = geometry;
    Im2row.transposeSamples(x.data(), g.batch, inChannels, g.height * g.width, channelsLast);
    for (int n = 0; n < g.batch; n++) {
      Im2row.im2row(
          channelsLast,
          n * g.imageSize,
          inChannels,
          g.height,
          g.width,
          kernelSize,
          stride,
          padding,
          unfolded,
          n * g.positions * g.patch);
    }
    Im2row.transposeSamples(
        weight.value().data(), outChannels, inChannels, kernelSize * kernelSize, kernelMajorWeight);
    // y^T[P, OC] = rows[P, K*K*C] * W'^T
    Gemm.gemm(
        false,
        true,
        g.batch * g.positions,
        outChannels,
        g.patch,
        unfolded,
        0,
        kernelMajorWeight,
        0,
        positionMajor,
        0,
        false);
    Im2row.transposeSamples(positionMajor, g.batch, g.positions, outChannels, output.data());
    float[] y = output.data();
    float[] b = bias.value().data();
    for (int n = 0; n < g.batch; n++) {
      for (int oc = 0; oc < outChannels; oc++) {
        int row = (n * outChannels + oc) * g.positions;
        for (int i = 0; i < g.positions; i++) {
          y[row + i] += b[oc];
        }
      }
    }
  }

  @Override
  public Tensor backward(Tensor dy) {
    backwardParametersOnly(dy);
    Geometry g = geometry;
    inputGradient = Checks.reuse(inputGradient, input.shape());
    if (lowering == Lowering.COLUMNS) {
      inputGradient.fillZero();
      for (int n = 0; n < g.batch; n++) {
        // dCols[C*K*K, OH*OW] = W^T * dy, then folded back into the image.
        Gemm.gemm(
            true,
            false,
            g.patch,
            g.positions,
            outChannels,
            weight.value().data(),
            0,
            dy.data(),
            n * outChannels * g.positions,
            unfoldedGradient,
            0,
            false);
        Im2col.col2im(
            unfoldedGradient,
            0,
            inChannels,
            g.height,
            g.width,
            kernelSize,
            stride,
            padding,
            inputGradient.data(),
            n * g.imageSize);
      }
      return inputGradient;
    }
    // dRows[P, K*K*C] = dy^T * W', then folded back into the channels-last images.
    Gemm.gemm(
        false,
        false,
        g.batch * g.positions,
        g.patch,
        outChannels,
        positionMajor,
        0,
        kernelMajorWeight,
        0,
        unfoldedGradient,
        0,
        false);
    java.util.Arrays.fill(channelsLast, 0f);
    for (int n = 0; n < g.batch; n++) {
      Im2row.row2im(
          unfoldedGradient,
          n * g.positions * g.patch,
          inChannels,
          g.height,
          g.width,
          kernelSize,
          stride,
          padding,
          channelsLast,
          n * g.imageSize);
    }
    Im2row.transposeSamples(
        channelsLast, g.batch, g.height * g.width, inChannels, inputGradient.data());
    return inputGradient;
  }

  /** The weight and bias gradients alone; with rows, leaves dy^T in {@code positionMajor}. */
  @Override
  public void backwardParametersOnly(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    Geometry g = geometry;
    float[] gradient = dy.data();
    float[] dWeight = weight.grad().data();
    float[] dBias = bias.grad().data();
    if (lowering == Lowering.COLUMNS) {
      for (int n = 0; n < g.batch; n++) {
        // [dW | dB][OC, C*K*K + 1] (+)= dy[OC, OH*OW] * cols^T: the row of ones sums dy for dB.
        Gemm.gemm(
            false,
            true,
            outChannels,
            g.patch + 1,
            g.positions,
            gradient,
            n * outChannels * g.positions,
            unfolded,
            n * (g.patch + 1) * g.positions,
            weightAndBiasGradient,
            0,
            n > 0);
      }
      for (int oc = 0; oc < outChannels; oc++) {
        int from = oc * (g.patch + 1);
        for (int t = 0; t < g.patch; t++) {
          dWeight[oc * g.patch + t] += weightAndBiasGradient[from + t];
        }
        dBias[oc] += weightAndBiasGradient[from + g.patch];
      }
      return;
    }
    for (int n = 0; n < g.batch; n++) {
      RowSums.addRowSums(gradient, n * outChannels * g.positions, outChannels, g.positions, dBias);
    }
    // dy^T[P, OC], the layout both products want.
    Im2row.transposeSamples(gradient, g.batch, outChannels, g.positions, positionMajor);
    // dW'^T[K*K*C, OC] = rows^T * dy^T. This orientation rather than dy * rows packs the small
    // dy^T for the kernel instead of the large rows: measured 45 against 31 GFLOP/s for conv2.
    Gemm.gemm(
        true,
        false,
        g.patch,
        outChannels,
        g.batch * g.positions,
        unfolded,
        0,
        positionMajor,
        0,
        patchMajorGradient,
        0,
        false);
    // dWeight[oc, c, s] += dW'^T[s*C + c, oc], s running over the K*K kernel positions.
    int area = kernelSize * kernelSize;
    for (int oc = 0; oc < outChannels; oc++) {
      for (int c = 0; c < inChannels; c++) {
        int to = (oc * inChannels + c) * area;
        for (int at = 0; at < area; at++) {
          dWeight[to + at] += patchMajorGradient[(at * inChannels + c) * outChannels + oc];
        }
      }
    }
  }

  /** The sizes of the last forward's batch. */
  private Geometry geometry() {
    Shape in = input.shape();
    Shape out = output.shape();
    return new Geometry(
        in.dim(0),
        in.dim(2),
        in.dim(3),
        inChannels * in.dim(2) * in.dim(3),
        inChannels * kernelSize * kernelSize,
        out.dim(2) * out.dim(3));
  }

  private record Geometry(
      int batch, int height, int width, int imageSize, int patch, int positions) {}

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
