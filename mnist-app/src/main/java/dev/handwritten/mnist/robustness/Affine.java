package dev.handwritten.mnist.robustness;

import dev.handwritten.mnist.imaging.Filters;

/**
 * A linear map of a 28 x 28 picture about its centre of mass, which stays where it was (MNIST's
 * digits are centred by it): slant, rotation and scale.
 */
final class Affine {
  private Affine() {}

  /**
   * The picture mapped by the matrix {@code [[a, b], [c, d]]} (new position = matrix x old
   * position, about the centre of mass), sampled bilinearly; paper where nothing maps.
   */
  static float[] about(float[] image, double a, double b, double c, double d) {
    int side = Pixels.SIDE;
    double mass = 0;
    double cx = 0;
    double cy = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float v = image[y * side + x];
        mass += v;
        cx += v * x;
        cy += v * y;
      }
    }
    if (mass == 0) {
      return image.clone();
    }
    cx /= mass;
    cy /= mass;
    double det = a * d - b * c;
    // Each output pixel takes its value from where the inverse map sends it.
    double ia = d / det;
    double ib = -b / det;
    double ic = -c / det;
    double id = a / det;
    float[] out = new float[image.length];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double dx = x - cx;
        double dy = y - cy;
        out[y * side + x] =
            Filters.sample(image, side, side, cx + ia * dx + ib * dy, cy + ic * dx + id * dy);
      }
    }
    return out;
  }
}
