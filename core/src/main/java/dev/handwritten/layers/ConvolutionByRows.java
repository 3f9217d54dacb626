package dev.handwritten.layers;

import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Im2row;
import dev.handwritten.kernels.Mat;
import dev.handwritten.kernels.RowSums;
import java.util.Arrays;

/**
 * {@link Conv2d} as one matrix product over the whole batch, on channels-last rows ({@link
 * Im2row}). With {@code P = N*OH*OW} output positions, and the input and weight seen channels-last
 * ({@code x'[N, H, W, C]}, {@code W'[OC, K*K*C]}):
 *
 * <pre>
 *   rows  = im2row(x')                     [P, K*K*C]
 *   y^T   = rows * W'^T + bias             [P, OC]      then reordered to [N, OC, OH, OW]
 *   dW'^T = rows^T * dy^T                  [K*K*C, OC]  (dy reordered to [P, OC]), added into dW
 *   dBias += sum of dy over P              [OC]
 *   dx    = row2im(dy^T * W')              [N, H, W, C] then reordered to [N, C, H, W]
 * </pre>
 *
 * One product over the batch instead of one per sample keeps the product's long dimension long (484
 * rows instead of 121 for the reference CNN's conv2 on 4 images), which helps the vector kernel run
 * near the machine's peak; the price is cheap reorders between {@code [N, OC, OH*OW]} and {@code
 * [P, OC]}. Channels last makes im2row and row2im a few long copies per position. The unfolded rows
 * are kept from forward to backward, because the weight gradient needs exactly them.
 */
final class ConvolutionByRows implements LoweredConvolution {
  private final ConvGeometry g;
  private final float[] channelsLast; // [N, H, W, C]: the input in forward, dx in backward
  private final float[] kernelMajorWeight; // W', [OC, K, K, C], copied from weight by forward
  private final float[] reorderedFrom; // the weight that W' was last reordered from
  private boolean reordered; // whether W' has been reordered at all
  private final Mat rows; // [P, K*K*C]
  private final Mat rowsGradient; // [P, K*K*C]
  private final Mat weightRows; // W' as [OC, K*K*C]
  private final Mat byPosition; // [P, OC]: y^T in forward, dy^T in backward
  private final Mat patchMajorGradient; // dW'^T, [K*K*C, OC]

  ConvolutionByRows(ConvGeometry g) {
    this.g = g;
    int positions = g.batch() * g.positions();
    this.channelsLast = new float[g.batch() * g.imageSize()];
    this.kernelMajorWeight = new float[g.outChannels() * g.patch()];
    this.reorderedFrom = new float[g.outChannels() * g.patch()];
    this.rows = Mat.of(new float[positions * g.patch()], positions, g.patch());
    this.rowsGradient = Mat.of(new float[positions * g.patch()], positions, g.patch());
    this.weightRows = Mat.of(kernelMajorWeight, g.outChannels(), g.patch());
    this.byPosition = Mat.of(new float[positions * g.outChannels()], positions, g.outChannels());
    this.patchMajorGradient =
        Mat.of(new float[g.patch() * g.outChannels()], g.patch(), g.outChannels());
  }

  @Override
  public ConvGeometry geometry() {
    return g;
  }

  @Override
  public void forward(float[] x, float[] weight, float[] bias, float[] y) {
    int area = g.kernelSize() * g.kernelSize();
    Im2row.transposeSamples(x, g.batch(), g.channels(), g.height() * g.width(), channelsLast);
    for (int n = 0; n < g.batch(); n++) {
      Im2row.im2row(
          channelsLast,
          n * g.imageSize(),
          g.channels(),
          g.height(),
          g.width(),
          g.kernelSize(),
          g.stride(),
          g.padding(),
          rows.data(),
          n * g.positions() * g.patch());
    }
    // The reorder costs more than comparing the weight with the one last reordered (an image at
    // batch 1: about 10 us against 1), and the weight changes at most once per training step,
    // while each worker runs several chunks per step and inference runs many passes.
    if (!reordered || !Arrays.equals(weight, reorderedFrom)) {
      Im2row.transposeSamples(weight, g.outChannels(), g.channels(), area, kernelMajorWeight);
      System.arraycopy(weight, 0, reorderedFrom, 0, weight.length);
      reordered = true;
    }
    Gemm.multiply(rows, weightRows.t(), byPosition);
    Im2row.transposeSamples(byPosition.data(), g.batch(), g.positions(), g.outChannels(), y);
    for (int n = 0; n < g.batch(); n++) {
      for (int oc = 0; oc < g.outChannels(); oc++) {
        int row = (n * g.outChannels() + oc) * g.positions();
        for (int i = 0; i < g.positions(); i++) {
          y[row + i] += bias[oc];
        }
      }
    }
  }

  @Override
  public void backwardParameters(float[] dy, float[] dWeight, float[] dBias) {
    for (int n = 0; n < g.batch(); n++) {
      RowSums.addRowSums(
          dy, n * g.outChannels() * g.positions(), g.outChannels(), g.positions(), dBias);
    }
    Im2row.transposeSamples(dy, g.batch(), g.outChannels(), g.positions(), byPosition.data());
    // This orientation rather than dW' = dy * rows packs the small dy^T for the kernel instead of
    // the large rows: measured 45 against 31 GFLOP/s for conv2.
    Gemm.multiply(rows.t(), byPosition, patchMajorGradient);
    // dWeight[oc, c, s] += dW'^T[s*C + c, oc], s running over the K*K kernel positions.
    float[] fromPatches = patchMajorGradient.data();
    int area = g.kernelSize() * g.kernelSize();
    int channels = g.channels();
    for (int oc = 0; oc < g.outChannels(); oc++) {
      for (int c = 0; c < channels; c++) {
        int to = (oc * channels + c) * area;
        for (int at = 0; at < area; at++) {
          dWeight[to + at] += fromPatches[(at * channels + c) * g.outChannels() + oc];
        }
      }
    }
  }

  @Override
  public void backwardInput(float[] dy, float[] weight, float[] dx) {
    // byPosition holds dy^T since backwardParameters, and weightRows W' since forward.
    Gemm.multiply(byPosition, weightRows, rowsGradient);
    Arrays.fill(channelsLast, 0f);
    for (int n = 0; n < g.batch(); n++) {
      Im2row.row2im(
          rowsGradient.data(),
          n * g.positions() * g.patch(),
          g.channels(),
          g.height(),
          g.width(),
          g.kernelSize(),
          g.stride(),
          g.padding(),
          channelsLast,
          n * g.imageSize());
    }
    Im2row.transposeSamples(channelsLast, g.batch(), g.height() * g.width(), g.channels(), dx);
  }
}
