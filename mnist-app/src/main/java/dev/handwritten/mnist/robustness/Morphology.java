package dev.handwritten.mnist.robustness;

/**
 * Grey-level dilation and erosion over the 3 x 3 cross (a pixel and its four neighbours): a stroke
 * about a pixel thicker or thinner, its anti-aliased edge kept grey. Outside the picture is paper.
 */
final class Morphology {
  private Morphology() {}

  static float[] dilate(float[] image) {
    return cross(image, true);
  }

  static float[] erode(float[] image) {
    return cross(image, false);
  }

  private static float[] cross(float[] image, boolean max) {
    int side = Pixels.SIDE;
    float[] out = new float[image.length];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float v = image[y * side + x];
        v = pick(v, at(image, x - 1, y), max);
        v = pick(v, at(image, x + 1, y), max);
        v = pick(v, at(image, x, y - 1), max);
        v = pick(v, at(image, x, y + 1), max);
        out[y * side + x] = v;
      }
    }
    return out;
  }

  private static float at(float[] image, int x, int y) {
    int side = Pixels.SIDE;
    return x < 0 || y < 0 || x >= side || y >= side ? 0 : image[y * side + x];
  }

  private static float pick(float a, float b, boolean max) {
    return max ? Math.max(a, b) : Math.min(a, b);
  }
}
