package dev.handwritten.kernels;

/**
 * Batch normalization per channel, over the batch and spatial positions: for {@code x[N, C, S]} (S
 * = H*W for images, 1 for features) each channel {@code c} is normalized with the mean and variance
 * of its {@code M = N*S} values. Loops only; the layers hold the state.
 */
public final class BatchNormKernels {
  private BatchNormKernels() {}

  /**
   * Training forward: batch statistics, normalized values, affine output.
   *
   * @param x {@code [N, C, S]}
   * @param gamma {@code [C]} scale
   * @param beta {@code [C]} shift
   * @param mean {@code [C]} out: the batch mean
   * @param invStd {@code [C]} out: {@code 1 / sqrt(var + eps)} with the biased batch variance
   * @param variance {@code [C]} out: the biased batch variance
   * @param xhat {@code [N, C, S]} out: the normalized input, kept for backward
   * @param y {@code [N, C, S]} out: {@code gamma * xhat + beta}
   */
  public static void forwardTraining(
      float[] x,
      int batch,
      int channels,
      int spatial,
      float[] gamma,
      float[] beta,
      float eps,
      float[] mean,
      float[] variance,
      float[] invStd,
      float[] xhat,
      float[] y) {
    int m = batch * spatial;
    for (int c = 0; c < channels; c++) {
      // Two passes in double: the mean first, then the squared deviations, which is stable where
      // E[x^2] - E[x]^2 cancels catastrophically.
      double sum = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          sum += x[base + s];
        }
      }
      double mu = sum / m;
      double squares = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          double d = x[base + s] - mu;
          squares += d * d;
        }
      }
      double var = squares / m;
      float inv = (float) (1 / Math.sqrt(var + eps));
      mean[c] = (float) mu;
      variance[c] = (float) var;
      invStd[c] = inv;
      float g = gamma[c];
      float b = beta[c];
      float mf = (float) mu;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          float h = (x[base + s] - mf) * inv;
          xhat[base + s] = h;
          y[base + s] = g * h + b;
        }
      }
    }
  }

  /**
   * Evaluation forward with fixed statistics: {@code y = gamma * (x - mean) * invStd + beta}.
   *
   * @param invStd {@code [C]}: {@code 1 / sqrt(runningVar + eps)}
   */
  public static void forwardFixed(
      float[] x,
      int batch,
      int channels,
      int spatial,
      float[] gamma,
      float[] beta,
      float[] mean,
      float[] invStd,
      float[] y) {
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        int base = (n * channels + c) * spatial;
        float scale = gamma[c] * invStd[c];
        float shift = beta[c] - mean[c] * scale;
        for (int s = 0; s < spatial; s++) {
          y[base + s] = x[base + s] * scale + shift;
        }
      }
    }
  }

  /**
   * Training backward, through the batch statistics:
   *
   * <pre>
   *   dBeta  += sum dy          dGamma += sum dy * xhat
   *   dx      = gamma * invStd / M * (M * dy - sum dy - xhat * sum(dy * xhat))
   * </pre>
   */
  public static void backwardTraining(
      float[] dy,
      float[] xhat,
      int batch,
      int channels,
      int spatial,
      float[] gamma,
      float[] invStd,
      float[] dGamma,
      float[] dBeta,
      float[] dx) {
    int m = batch * spatial;
    for (int c = 0; c < channels; c++) {
      double sumDy = 0;
      double sumDyXhat = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          sumDy += dy[base + s];
          sumDyXhat += (double) dy[base + s] * xhat[base + s];
        }
      }
      dBeta[c] += (float) sumDy;
      dGamma[c] += (float) sumDyXhat;
      float k = gamma[c] * invStd[c] / m;
      float meanDy = (float) sumDy;
      float meanDyXhat = (float) sumDyXhat;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          dx[base + s] = k * (m * dy[base + s] - meanDy - xhat[base + s] * meanDyXhat);
        }
      }
    }
  }
}
