package dev.handwritten.layers;

/**
 * The sizes of one convolution call: a batch of {@code [N, C, H, W]} images, {@code OC} filters of
 * {@code K x K}, and the output {@code [N, OC, OH, OW]} they make.
 */
record ConvGeometry(
    int batch,
    int channels,
    int height,
    int width,
    int outChannels,
    int kernelSize,
    int stride,
    int padding,
    int outHeight,
    int outWidth) {

  /** {@return C*K*K, the values of one patch} */
  int patch() {
    return channels * kernelSize * kernelSize;
  }

  /** {@return OH*OW, the output positions of one image} */
  int positions() {
    return outHeight * outWidth;
  }

  /** {@return C*H*W, the values of one input image} */
  int imageSize() {
    return channels * height * width;
  }
}
