package dev.handwritten.kernels;

/**
 * Direct convolution by its definition, the naive twin of im2row + GEMM: seven nested loops that
 * nobody would run for speed, and that anybody can check by eye. Tests use it as the oracle for
 * {@code Conv2d}.
 */
public final class NaiveConvolution {
  private NaiveConvolution() {}

  /**
   * {@code y[n, oc, oh, ow] = bias[oc] + sum over c, kh, kw of weight[oc, c, kh, kw] * x[n, c, oh*s
   * - p + kh, ow*s - p + kw]}, with zeros outside the image.
   *
   * @param x {@code [N, C, H, W]}
   * @param weight {@code [OC, C, K, K]}
   * @param bias {@code [OC]}
   * @param y {@code [N, OC, OH, OW]}, overwritten
   */
  public static void forward(
      float[] x,
      int batch,
      int channels,
      int height,
      int width,
      float[] weight,
      float[] bias,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      float[] y) {
    int outH = Im2row.outputSize(height, kernel, stride, padding);
    int outW = Im2row.outputSize(width, kernel, stride, padding);
    for (int n = 0; n < batch; n++) {
      for (int oc = 0; oc < outChannels; oc++) {
        for (int oh = 0; oh < outH; oh++) {
          for (int ow = 0; ow < outW; ow++) {
            double sum = bias[oc];
            for (int c = 0; c < channels; c++) {
              for (int kh = 0; kh < kernel; kh++) {
                for (int kw = 0; kw < kernel; kw++) {
                  int ih = oh * stride - padding + kh;
                  int iw = ow * stride - padding + kw;
                  if (ih >= 0 && ih < height && iw >= 0 && iw < width) {
                    sum +=
                        (double) weight[((oc * channels + c) * kernel + kh) * kernel + kw]
                            * x[((n * channels + c) * height + ih) * width + iw];
                  }
                }
              }
            }
            y[((n * outChannels + oc) * outH + oh) * outW + ow] = (float) sum;
          }
        }
      }
    }
  }
}
