/**
 * {@link dev.handwritten.tensor.Tensor}: one dense {@code float[]} and a {@link
 * dev.handwritten.tensor.Shape}, row-major; images are {@code [batch, channels, height, width]}. No
 * strides and no views beyond a reshape, so every kernel walks a plain array.
 */
package dev.handwritten.tensor;
