package dev.handwritten.mnist.imaging;

/**
 * Grey-level dilation and erosion over the 3 x 3 cross (a pixel and its four neighbours): a stroke
 * about a pixel thicker or thinner, its anti-aliased edge kept grey. Outside the picture is paper
 * (0). Pictures are row by row, ink high.
 */
public final class Morphology {
  private Morphology() {}

  /** {@return {@code image} with every stroke about a pixel thicker} */
  public static float[] dilate(float[] image, int width, int height) {
    return cross(image, width, height, true);
  }

  /** {@return {@code image} with every stroke about a pixel thinner} */
  public static float[] erode(float[] image, int width, int height) {
    return cross(image, width, height, false);
  }

  private static float[] cross(float[] image, int width, int height, boolean max) {
    float[] out = new float[image.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float v = image[y * width + x];
        v = pick(v, at(image, width, height, x - 1, y), max);
        v = pick(v, at(image, width, height, x + 1, y), max);
        v = pick(v, at(image, width, height, x, y - 1), max);
        v = pick(v, at(image, width, height, x, y + 1), max);
        out[y * width + x] = v;
      }
    }
    return out;
  }

  private static float at(float[] image, int width, int height, int x, int y) {
    return x < 0 || y < 0 || x >= width || y >= height ? 0 : image[y * width + x];
  }

  private static float pick(float a, float b, boolean max) {
    return max ? Math.max(a, b) : Math.min(a, b);
  }
}
