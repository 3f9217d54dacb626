package dev.handwritten.layers;

import dev.handwritten.kernels.DirectConvolution;
import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Im2col;
import dev.handwritten.kernels.Mat;
import java.util.Arrays;

/**
 * {@link Conv2d} as one product per sample on unfolded columns ({@link Im2col}), for short patches
 * such as a first convolution on grey images ({@code C*K*K = 9}), whose result is already in the
 * layer's layout. There the products are cheap, and reordering around them would cost more than the
 * products themselves (measured: transposes were 17% of a training step before the first
 * convolution switched to columns). The bias rides in the product as one more column of the weight,
 * against a row of ones under the unfolded patches:
 *
 * <pre>
 *   cols       = [im2col(x[n]); 1 ... 1]   [C*K*K + 1, OH*OW]
 *   y[n]       = [W | bias] * cols         [OC, OH*OW]
 *   [dW | dB] += dy[n] * cols^T            [OC, C*K*K + 1]
 *   dx[n]      = col2im(W^T * dy[n])       [C, H, W]
 * </pre>
 *
 * A separate pass over the output for the bias, and a row sum of dy for its gradient, took about a
 * third of the layer's time (measured, forward plus weight gradient per chunk of 4: 197 us with the
 * passes, 133-141 us without).
 *
 * <p>Where {@link DirectConvolution} applies (stride 1, no padding, the Vector API), forward
 * computes the same bits straight from the image, and the columns are unfolded only when a backward
 * pass needs them for the weight gradient.
 */
final class ConvolutionByColumns implements LoweredConvolution {
  private final ConvGeometry g;
  private final Mat columns; // per sample [C*K*K + 1, OH*OW], the last row all ones
  private final Mat columnsGradient; // one sample's [C*K*K, OH*OW]
  private final Mat weightAndBias; // [OC, C*K*K + 1], copied from weight and bias by forward
  private final Mat weightAndBiasGradient; // as weightAndBias
  private final boolean direct; // whether forward skips the columns (DirectConvolution)
  private float[] input; // the last forward's x, from which backward unfolds columns if needed
  private boolean columnsCurrent; // whether columns hold the last forward's input

  ConvolutionByColumns(ConvGeometry g) {
    this.g = g;
    int height = g.patch() + 1;
    float[] unfolded = new float[g.batch() * height * g.positions()];
    for (int n = 0; n < g.batch(); n++) {
      int ones = (n * height + g.patch()) * g.positions();
      Arrays.fill(unfolded, ones, ones + g.positions(), 1f);
    }
    this.columns = Mat.of(unfolded, height, g.positions());
    this.columnsGradient = Mat.of(new float[g.patch() * g.positions()], g.patch(), g.positions());
    this.weightAndBias = Mat.of(new float[g.outChannels() * height], g.outChannels(), height);
    this.weightAndBiasGradient =
        Mat.of(new float[g.outChannels() * height], g.outChannels(), height);
    this.direct =
        DirectConvolution.applies(
            g.channels(), g.kernelSize(), g.stride(), g.padding(), g.outChannels(), g.outWidth());
  }

  @Override
  public ConvGeometry geometry() {
    return g;
  }

  @Override
  public void forward(float[] x, float[] weight, float[] bias, float[] y) {
    int patch = g.patch();
    float[] augmented = weightAndBias.data();
    for (int oc = 0; oc < g.outChannels(); oc++) {
      System.arraycopy(weight, oc * patch, augmented, oc * (patch + 1), patch);
      augmented[oc * (patch + 1) + patch] = bias[oc];
    }
    input = x;
    if (direct) {
      // The same bits as the product below, without unfolding: the columns are made only if a
      // backward pass asks for them.
      for (int n = 0; n < g.batch(); n++) {
        DirectConvolution.forward(
            x,
            n * g.imageSize(),
            g.channels(),
            g.height(),
            g.width(),
            g.kernelSize(),
            augmented,
            g.outChannels(),
            y,
            n * g.outChannels() * g.positions());
      }
      columnsCurrent = false;
      return;
    }
    unfold();
    Mat output = Mat.of(y, g.outChannels(), g.positions());
    for (int n = 0; n < g.batch(); n++) {
      Gemm.multiply(weightAndBias, columns.sample(n), output.sample(n));
    }
  }

  /** Unfolds every sample of the last forward's input into its columns. */
  private void unfold() {
    for (int n = 0; n < g.batch(); n++) {
      Mat cols = columns.sample(n);
      Im2col.im2col(
          input,
          n * g.imageSize(),
          g.channels(),
          g.height(),
          g.width(),
          g.kernelSize(),
          g.stride(),
          g.padding(),
          cols.data(),
          cols.offset());
    }
    columnsCurrent = true;
  }

  @Override
  public void backwardParameters(float[] dy, float[] dWeight, float[] dBias) {
    if (!columnsCurrent) {
      unfold();
    }
    Mat gradient = Mat.of(dy, g.outChannels(), g.positions());
    // The row of ones in cols sums dy into the bias column.
    Gemm.multiply(gradient.sample(0), columns.sample(0).t(), weightAndBiasGradient);
    for (int n = 1; n < g.batch(); n++) {
      Gemm.multiplyAdd(gradient.sample(n), columns.sample(n).t(), weightAndBiasGradient);
    }
    int patch = g.patch();
    float[] augmented = weightAndBiasGradient.data();
    for (int oc = 0; oc < g.outChannels(); oc++) {
      int from = oc * (patch + 1);
      for (int t = 0; t < patch; t++) {
        dWeight[oc * patch + t] += augmented[from + t];
      }
      dBias[oc] += augmented[from + patch];
    }
  }

  @Override
  public void backwardInput(float[] dy, float[] weight, float[] dx) {
    Mat w = Mat.of(weight, g.outChannels(), g.patch());
    Mat gradient = Mat.of(dy, g.outChannels(), g.positions());
    Arrays.fill(dx, 0f);
    for (int n = 0; n < g.batch(); n++) {
      Gemm.multiply(w.t(), gradient.sample(n), columnsGradient);
      Im2col.col2im(
          columnsGradient.data(),
          0,
          g.channels(),
          g.height(),
          g.width(),
          g.kernelSize(),
          g.stride(),
          g.padding(),
          dx,
          n * g.imageSize());
    }
  }
}
