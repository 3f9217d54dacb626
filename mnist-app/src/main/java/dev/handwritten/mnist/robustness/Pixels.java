package dev.handwritten.mnist.robustness;

import dev.handwritten.mnist.imaging.Filters;

/** Small operations on one 28 x 28 picture, row by row, values in [0, 1], ink high. */
final class Pixels {
  static final int SIDE = 28;

  private Pixels() {}

  /** 1 where the value is at least {@code level}, else 0: a scanner's black-and-white mode. */
  static float[] threshold(float[] image, float level) {
    float[] out = new float[image.length];
    for (int i = 0; i < image.length; i++) {
      out[i] = image[i] >= level ? 1 : 0;
    }
    return out;
  }

  /**
   * The mean of each of {@code size x size} equal areas of the 28 x 28 picture (exact overlaps).
   */
  static float[] areaDownsample(float[] image, int size) {
    float[] out = new float[size * size];
    double step = SIDE / (double) size;
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        double sum = 0;
        for (int y = 0; y < SIDE; y++) {
          double wy = overlap(y, y + 1, v * step, (v + 1) * step);
          if (wy == 0) {
            continue;
          }
          for (int x = 0; x < SIDE; x++) {
            double wx = overlap(x, x + 1, u * step, (u + 1) * step);
            sum += wx * wy * image[y * SIDE + x];
          }
        }
        out[v * size + u] = (float) (sum / (step * step));
      }
    }
    return out;
  }

  /** A {@code size x size} picture enlarged to 28 x 28, bilinear, pixel centres aligned. */
  static float[] resize(float[] small, int size) {
    float[] out = new float[SIDE * SIDE];
    double scale = size / (double) SIDE;
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        out[y * SIDE + x] =
            Filters.sample(small, size, size, (x + 0.5) * scale - 0.5, (y + 0.5) * scale - 0.5);
      }
    }
    return out;
  }

  private static double overlap(double a0, double a1, double b0, double b1) {
    return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  }
}
