package dev.handwritten.mnist.demo;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A photo-like picture of a number written with MNIST digits: blue-black ink on cream paper with
 * faint blue rules, lit unevenly (a shadow across one side), each digit a little tilted and of its
 * own size, with sensor grain. Seeded: the same seed draws the same photo.
 */
final class DemoPhoto {
  private DemoPhoto() {}

  /**
   * @param digits 28 x 28 images, ink high, in writing order
   * @param width the photo's width; its height is five eighths of it
   */
  static BufferedImage draw(List<float[]> digits, int width, long seed) {
    int height = width * 5 / 8;
    SplittableRandom random = new SplittableRandom(seed);
    float[] ink = new float[width * height];
    double cell = width * 0.62 / digits.size(); // the number fills about two thirds across
    double left = (width - cell * digits.size()) / 2;
    for (int d = 0; d < digits.size(); d++) {
      double size = cell * (1.25 + 0.15 * random.nextDouble()); // 28 MNIST pixels, enlarged
      double angle = Math.toRadians(-6 + 12 * random.nextDouble());
      double cx = left + cell * (d + 0.5) + cell * 0.08 * random.nextGaussian();
      double cy = height * 0.52 + size * 0.04 * random.nextGaussian();
      stamp(ink, width, height, digits.get(d), cx, cy, size, angle);
    }
    BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    double rule = height / 7.0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // Light: bright at the upper left, a soft shadow towards the lower right.
        double light = 0.97 - 0.22 * Math.max(0, (x / (double) width + y / (double) height) - 0.7);
        double ruled = Math.max(0, 1 - Math.abs((y % rule) - rule / 2) / 1.4) * 0.6;
        double a = Math.min(1, ink[y * width + x]);
        double grain = 3.5 * random.nextGaussian();
        int r = clamp(light * (250 - 90 * ruled) * (1 - a) + a * 38 + grain);
        int g = clamp(light * (244 - 45 * ruled) * (1 - a) + a * 42 + grain);
        int b = clamp(light * (228 + 12 * ruled) * (1 - a) + a * 75 + grain);
        photo.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return photo;
  }

  /** Adds a 28 x 28 digit, {@code size} pixels across, turned by {@code angle}, centred there. */
  private static void stamp(
      float[] ink,
      int width,
      int height,
      float[] digit,
      double cx,
      double cy,
      double size,
      double angle) {
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double scale = 28 / size;
    int reach = (int) Math.ceil(size * 0.75);
    for (int y = (int) cy - reach; y <= (int) cy + reach; y++) {
      for (int x = (int) cx - reach; x <= (int) cx + reach; x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
          continue;
        }
        double dx = x - cx;
        double dy = y - cy;
        double u = (cos * dx + sin * dy) * scale + 14;
        double v = (-sin * dx + cos * dy) * scale + 14;
        float value = bilinear(digit, u - 0.5, v - 0.5);
        if (value > 0) {
          ink[y * width + x] = Math.max(ink[y * width + x], Math.min(1, 1.3f * value));
        }
      }
    }
  }

  private static float bilinear(float[] image, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    return (float)
        ((1 - fx) * (1 - fy) * at(image, x0, y0)
            + fx * (1 - fy) * at(image, x0 + 1, y0)
            + (1 - fx) * fy * at(image, x0, y0 + 1)
            + fx * fy * at(image, x0 + 1, y0 + 1));
  }

  private static float at(float[] image, int x, int y) {
    return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0 : image[y * 28 + x];
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
