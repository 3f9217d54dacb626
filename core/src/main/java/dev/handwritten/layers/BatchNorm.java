package dev.handwritten.layers;

import dev.handwritten.kernels.BatchNormKernels;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/**
 * Batch normalization (Ioffe and Szegedy, 2015) per channel: {@link BatchNorm2d} over {@code N, H,
 * W} of {@code [N, C, H, W]}, {@link BatchNorm1d} over {@code N} of {@code [N, F]}. In training the
 * batch's own mean and (biased) variance normalize it, and running estimates are updated, PyTorch's
 * way: {@code running = (1 - momentum) * running + momentum * batchStat}, with the unbiased
 * variance. In evaluation the running estimates are used, so a single image gets the same answer
 * alone as in a batch.
 *
 * <pre>
 *   y = gamma * (x - mean) / sqrt(var + eps) + beta        gamma starts at 1, beta at 0
 * </pre>
 */
public abstract sealed class BatchNorm implements Layer permits BatchNorm1d, BatchNorm2d {
  private final int channels;
  private final float momentum;
  private final float eps;
  private final Parameter gamma; // [C]
  private final Parameter beta; // [C]
  private final Tensor runningMean; // [C]
  private final Tensor runningVar; // [C]
  private final float[] mean;
  private final float[] variance;
  private final float[] invStd;

  private Tensor input;
  private Tensor output;
  private Tensor xhat;
  private Tensor inputGradient;
  private boolean lastWasTraining;

  BatchNorm(int channels, double momentum, double eps) {
    Checks.requirePositive(kind(), "channels", channels);
    if (!(momentum > 0 && momentum <= 1) || !(eps > 0)) {
      throw new IllegalArgumentException(
          kind() + ": expected momentum in (0, 1] and eps > 0, got " + momentum + " and " + eps);
    }
    this.channels = channels;
    this.momentum = (float) momentum;
    this.eps = (float) eps;
    this.gamma = new Parameter("weight", Shape.of(channels));
    this.beta = new Parameter("bias", Shape.of(channels));
    java.util.Arrays.fill(gamma.value().data(), 1f);
    this.runningMean = Tensor.zeros(channels);
    this.runningVar = Tensor.zeros(channels);
    java.util.Arrays.fill(runningVar.data(), 1f);
    this.mean = new float[channels];
    this.variance = new float[channels];
    this.invStd = new float[channels];
  }

  abstract String kind();

  /** The spatial size per channel of an input already checked by {@link #outputShape}. */
  abstract int spatial(Shape in);

  /** {@return the number of channels (or features) normalized} */
  public int channels() {
    return channels;
  }

  /** {@return gamma, the scale per channel, {@code [channels]}} */
  public Parameter weight() {
    return gamma;
  }

  /** {@return beta, the shift per channel, {@code [channels]}} */
  public Parameter bias() {
    return beta;
  }

  /** The running mean and variance, used in evaluation and saved with the model. */
  @Override
  public List<Tensor> state() {
    return List.of(runningMean, runningVar);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    Shape shape = outputShape(x.shape());
    int batch = shape.dim(0);
    int spatial = spatial(shape);
    output = Checks.reuse(output, shape);
    input = x;
    lastWasTraining = mode.training();
    if (!mode.training()) {
      for (int c = 0; c < channels; c++) {
        invStd[c] = (float) (1 / Math.sqrt(runningVar.data()[c] + eps));
      }
      BatchNormKernels.forwardFixed(
          x.data(),
          batch,
          channels,
          spatial,
          gamma.value().data(),
          beta.value().data(),
          runningMean.data(),
          invStd,
          output.data());
      return output;
    }
    int m = batch * spatial;
    if (m < 2) {
      throw new IllegalArgumentException(
          this
              + ": expected more than one value per channel in training, got input "
              + shape
              + "; use a batch of at least 2");
    }
    xhat = Checks.reuse(xhat, shape);
    BatchNormKernels.forwardTraining(
        x.data(),
        batch,
        channels,
        spatial,
        gamma.value().data(),
        beta.value().data(),
        eps,
        mean,
        variance,
        invStd,
        xhat.data(),
        output.data());
    float unbias = m / (float) (m - 1);
    for (int c = 0; c < channels; c++) {
      runningMean.data()[c] = (1 - momentum) * runningMean.data()[c] + momentum * mean[c];
      runningVar.data()[c] =
          (1 - momentum) * runningVar.data()[c] + momentum * variance[c] * unbias;
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    Shape shape = dy.shape();
    int batch = shape.dim(0);
    int spatial = spatial(shape);
    inputGradient = Checks.reuse(inputGradient, shape);
    float[] g = dy.data();
    float[] dx = inputGradient.data();
    if (!lastWasTraining) {
      // Fixed statistics: an affine map per channel, dx = dy * gamma * invStd.
      float[] dGamma = gamma.grad().data();
      float[] dBeta = beta.grad().data();
      for (int n = 0; n < batch; n++) {
        for (int c = 0; c < channels; c++) {
          int base = (n * channels + c) * spatial;
          float scale = gamma.value().data()[c] * invStd[c];
          float mu = runningMean.data()[c];
          for (int s = 0; s < spatial; s++) {
            dBeta[c] += g[base + s];
            dGamma[c] += g[base + s] * (input.data()[base + s] - mu) * invStd[c];
            dx[base + s] = g[base + s] * scale;
          }
        }
      }
      return inputGradient;
    }
    BatchNormKernels.backwardTraining(
        g,
        xhat.data(),
        batch,
        channels,
        spatial,
        gamma.value().data(),
        invStd,
        gamma.grad().data(),
        beta.grad().data(),
        dx);
    return inputGradient;
  }

  @Override
  public String toString() {
    return kind() + "(" + channels + ")";
  }
}
