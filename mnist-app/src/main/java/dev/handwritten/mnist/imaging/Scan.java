package dev.handwritten.mnist.imaging;

/**
 * What a scanner does to a square one-channel picture, values in [0, 1], ink high: its
 * black-and-white mode, and a coarser resolution. The robustness suite imitates other scanners with
 * these, and training can show the network such pictures of its own training images.
 */
public final class Scan {
  private Scan() {}

  /** 1 where the value is at least {@code level}, else 0: a scanner's black-and-white mode. */
  public static float[] threshold(float[] image, float level) {
    float[] out = new float[image.length];
    for (int i = 0; i < image.length; i++) {
      out[i] = image[i] >= level ? 1 : 0;
    }
    return out;
  }

  /**
   * The picture as a scanner of {@code size x size} pixels would see it, enlarged back: the mean of
   * each of {@code size x size} equal areas (exact overlaps), then bilinear with pixel centres
   * aligned. A new image.
   *
   * @param image [side, side]
   * @param size the coarse side, from 1 to {@code side}
   */
  public static float[] coarse(float[] image, int side, int size) {
    if (image.length != side * side || size < 1 || size > side) {
      throw new IllegalArgumentException(
          "Scan.coarse: expected a "
              + side
              + " x "
              + side
              + " picture and a coarse side in [1, "
              + side
              + "], got "
              + image.length
              + " values and "
              + size);
    }
    return enlarge(areaDownsample(image, side, size), size, side);
  }

  private static float[] areaDownsample(float[] image, int side, int size) {
    float[] out = new float[size * size];
    double step = side / (double) size;
    for (int v = 0; v < size; v++) {
      for (int u = 0; u < size; u++) {
        double sum = 0;
        for (int y = 0; y < side; y++) {
          double wy = overlap(y, y + 1, v * step, (v + 1) * step);
          if (wy == 0) {
            continue;
          }
          for (int x = 0; x < side; x++) {
            double wx = overlap(x, x + 1, u * step, (u + 1) * step);
            sum += wx * wy * image[y * side + x];
          }
        }
        out[v * size + u] = (float) (sum / (step * step));
      }
    }
    return out;
  }

  private static float[] enlarge(float[] small, int size, int side) {
    float[] out = new float[side * side];
    double scale = size / (double) side;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        out[y * side + x] =
            Filters.sample(small, size, size, (x + 0.5) * scale - 0.5, (y + 0.5) * scale - 0.5);
      }
    }
    return out;
  }

  private static double overlap(double a0, double a1, double b0, double b1) {
    return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  }
}
