package dev.handwritten.mnist.imaging;

import java.util.SplittableRandom;

/**
 * Image filters on one-channel float images, {@code [height, width]} row-major: Gaussian blur,
 * bilinear sampling, the thinning that finds a stroke's centre line, and the ink's strength and
 * scanner noise.
 *
 * <p>The photo benchmark's pictures and the robustness suite's distortions must be the same bits on
 * every machine, so these filters use StrictMath for transcendental functions (Math's may differ in
 * the last bit between processors); floor, ceil, round and sqrt are exact in both.
 */
public final class Filters {
  private Filters() {}

  /**
   * A Gaussian blur of standard deviation {@code sigma} pixels, the edges extended; a new image.
   *
   * @param image [height, width]
   */
  public static float[] blur(float[] image, int width, int height, double sigma) {
    if (sigma < 0.05) {
      return image.clone();
    }
    int radius = (int) Math.ceil(3 * sigma);
    float[] kernel = new float[2 * radius + 1];
    double sum = 0;
    for (int k = -radius; k <= radius; k++) {
      double v = StrictMath.exp(-(k * k) / (2 * sigma * sigma));
      kernel[k + radius] = (float) v;
      sum += v;
    }
    for (int k = 0; k < kernel.length; k++) {
      kernel[k] /= (float) sum;
    }
    // Rows: each output pixel a weighted sum of its row's neighbours; the edges clamped. The
    // middle of the row goes tap by tap over all its pixels, which the JIT vectorizes.
    float[] rows = new float[image.length];
    int inner = Math.max(radius, width - radius);
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int k = -radius; k <= radius; k++) {
        float w = kernel[k + radius];
        int from = row + k;
        for (int x = Math.min(radius, width); x < inner; x++) {
          rows[row + x] += w * image[from + x];
        }
      }
      for (int x = 0; x < width; x++) {
        if (x >= radius && x < inner) {
          x = inner - 1;
          continue;
        }
        float acc = 0;
        for (int k = -radius; k <= radius; k++) {
          int xx = Math.min(width - 1, Math.max(0, x + k));
          acc += kernel[k + radius] * image[row + xx];
        }
        rows[row + x] = acc;
      }
    }
    // Columns: whole rows at a time, so the inner loop walks memory in order.
    float[] out = new float[image.length];
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int k = -radius; k <= radius; k++) {
        int from = Math.min(height - 1, Math.max(0, y + k)) * width;
        float w = kernel[k + radius];
        for (int x = 0; x < width; x++) {
          out[row + x] += w * rows[from + x];
        }
      }
    }
    return out;
  }

  /** The image at (x, y) in pixel units (pixel centres at integers), bilinear; 0 outside. */
  public static float sample(float[] image, int width, int height, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = (float) (x - x0);
    float fy = (float) (y - y0);
    float a = at(image, width, height, x0, y0);
    float b = at(image, width, height, x0 + 1, y0);
    float c = at(image, width, height, x0, y0 + 1);
    float d = at(image, width, height, x0 + 1, y0 + 1);
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
  }

  private static float at(float[] image, int width, int height, int x, int y) {
    return x < 0 || y < 0 || x >= width || y >= height ? 0 : image[y * width + x];
  }

  /**
   * Thins a mask to lines one pixel wide along the middle of its strokes (Zhang and Suen, 1984), in
   * place. The mask's outermost pixels must be false.
   *
   * @param mask [height, width]
   */
  public static void thin(boolean[] mask, int width, int height) {
    int[] removable = new int[mask.length];
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int pass = 0; pass < 2; pass++) {
        int n = 0;
        for (int y = 1; y < height - 1; y++) {
          for (int x = 1; x < width - 1; x++) {
            int i = y * width + x;
            if (mask[i] && removable(mask, width, i, pass)) {
              removable[n++] = i;
            }
          }
        }
        for (int k = 0; k < n; k++) {
          mask[removable[k]] = false;
        }
        changed |= n > 0;
      }
    }
  }

  /** Zhang-Suen's test for pixel {@code i}: a boundary pixel whose removal keeps lines joined. */
  private static boolean removable(boolean[] m, int width, int i, int pass) {
    // The neighbours clockwise from north: p2 (N), p3 (NE), p4 (E), ..., p9 (NW).
    boolean p2 = m[i - width];
    boolean p3 = m[i - width + 1];
    boolean p4 = m[i + 1];
    boolean p5 = m[i + width + 1];
    boolean p6 = m[i + width];
    boolean p7 = m[i + width - 1];
    boolean p8 = m[i - 1];
    boolean p9 = m[i - width - 1];
    boolean[] ring = {p2, p3, p4, p5, p6, p7, p8, p9, p2};
    int neighbours = 0;
    int rises = 0; // false -> true steps around the ring
    for (int k = 0; k < 8; k++) {
      neighbours += ring[k] ? 1 : 0;
      rises += !ring[k] && ring[k + 1] ? 1 : 0;
    }
    if (neighbours < 2 || neighbours > 6 || rises != 1) {
      return false;
    }
    return pass == 0
        ? !(p2 && p4 && p6) && !(p4 && p6 && p8)
        : !(p2 && p4 && p8) && !(p2 && p6 && p8);
  }

  /** Scaled so that the strongest ink is 1 again (unchanged when there is no ink). */
  public static float[] stretchToFullInk(float[] image) {
    float max = 0;
    for (float v : image) {
      max = Math.max(max, v);
    }
    float[] out = image.clone();
    if (max > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.min(1, out[i] / max);
      }
    }
    return out;
  }

  /** Gaussian noise of standard deviation {@code sigma} added to every pixel, clipped to [0, 1]. */
  public static float[] gaussianNoise(float[] image, double sigma, SplittableRandom random) {
    float[] out = new float[image.length];
    for (int i = 0; i < image.length; i++) {
      double v = image[i] + sigma * gaussian(random);
      out[i] = (float) Math.max(0, Math.min(1, v));
    }
    return out;
  }

  /** A standard normal value (Box-Muller), with StrictMath so that every machine draws the same. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble(); // (0, 1]
    double v = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }
}
