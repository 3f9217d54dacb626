package dev.handwritten.mnist.inspect;

import java.util.Arrays;

/**
 * What one convolution block computed for one image: a map per output channel.
 *
 * @param layer the layers whose output this is, e.g. {@code Conv2d(1->32, k=3, s=1, p=1) +
 *     BatchNorm2d(32) + Relu}
 * @param channels how many maps
 * @param height each map's rows
 * @param width each map's columns
 * @param values {@code [channels, height, width]}, row-major
 */
public record FeatureMaps(String layer, int channels, int height, int width, float[] values) {
  public FeatureMaps {
    if (values.length != channels * height * width) {
      throw new IllegalArgumentException(
          "FeatureMaps: expected "
              + channels
              + " x "
              + height
              + " x "
              + width
              + " = "
              + channels * height * width
              + " values, got "
              + values.length);
    }
  }

  /** Map {@code channel}, {@code [height, width]}, a copy. */
  public float[] map(int channel) {
    int size = height * width;
    return Arrays.copyOfRange(values, channel * size, (channel + 1) * size);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureMaps f
        && layer.equals(f.layer)
        && channels == f.channels
        && height == f.height
        && width == f.width
        && Arrays.equals(values, f.values);
  }

  @Override
  public int hashCode() {
    return 31 * layer.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureMaps[" + layer + ", " + channels + " x " + height + " x " + width + "]";
  }
}
