package dev.handwritten.layers;

/**
 * One way of turning {@link Conv2d}'s forward and backward passes into matrix products, with the
 * buffers it needs for one batch size ({@link ConvolutionByRows}, {@link ConvolutionByColumns}).
 * Arrays are the layer's channels-first tensors: {@code x, dx [N, C, H, W]}, {@code y, dy [N, OC,
 * OH, OW]}, {@code weight [OC, C, K, K]}, {@code bias [OC]}.
 */
sealed interface LoweredConvolution permits ConvolutionByRows, ConvolutionByColumns {
  /** {@return the sizes these buffers were made for} */
  ConvGeometry geometry();

  /** {@code y = conv(x, weight) + bias}; keeps what the backward pass needs. */
  void forward(float[] x, float[] weight, float[] bias, float[] y);

  /** Adds this batch's gradients into {@code dWeight} and {@code dBias}; after {@link #forward}. */
  void backwardParameters(float[] dy, float[] dWeight, float[] dBias);

  /** Writes {@code dx}; after {@link #backwardParameters} with the same {@code dy}. */
  void backwardInput(float[] dy, float[] weight, float[] dx);
}
