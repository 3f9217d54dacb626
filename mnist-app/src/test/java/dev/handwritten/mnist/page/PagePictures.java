package dev.handwritten.mnist.page;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test pictures of handwritten numbers, made from MNIST test digits: written on paper of some shade
 * under uneven light, optionally on ruled or squared paper, with grain. Small and fast, for the
 * page reader's unit tests; the photo benchmark has the realistic ones.
 */
final class PagePictures {
  private PagePictures() {}

  /** What a test picture shows. */
  record Page(BufferedImage picture, List<Box> boxes, String number) {}

  /** How to draw it. */
  record Style(
      int digitHeight,
      double gap,
      double lightFrom,
      double lightTo,
      int ruledEvery,
      int gridEvery,
      double grain,
      double inkDarkness,
      boolean lightOnDark) {
    static Style plain(int digitHeight) {
      return new Style(digitHeight, 0.3, 0.9, 0.9, 0, 0, 2, 0.8, false);
    }

    Style shadow(double from, double to) {
      return new Style(
          digitHeight, gap, from, to, ruledEvery, gridEvery, grain, inkDarkness, lightOnDark);
    }

    Style ruled(int every) {
      return new Style(
          digitHeight, gap, lightFrom, lightTo, every, 0, grain, inkDarkness, lightOnDark);
    }

    Style grid(int every) {
      return new Style(
          digitHeight, gap, lightFrom, lightTo, 0, every, grain, inkDarkness, lightOnDark);
    }

    Style gap(double g) {
      return new Style(
          digitHeight,
          g,
          lightFrom,
          lightTo,
          ruledEvery,
          gridEvery,
          grain,
          inkDarkness,
          lightOnDark);
    }

    Style faint(double darkness) {
      return new Style(
          digitHeight,
          gap,
          lightFrom,
          lightTo,
          ruledEvery,
          gridEvery,
          grain,
          darkness,
          lightOnDark);
    }

    Style inverted() {
      return new Style(
          digitHeight, gap, lightFrom, lightTo, ruledEvery, gridEvery, grain, inkDarkness, true);
    }
  }

  /**
   * Draws the digits {@code mnist[i]} (28 x 28 each, ink high) side by side, their labels giving
   * the number, on a page twice as high as the digits and wide enough for them.
   */
  static Page draw(List<float[]> digits, List<Integer> labels, Style style, long seed) {
    int size = style.digitHeight() * 28 / 20; // MNIST's 28 x 28 field around a 20-pixel digit
    int step = (int) Math.round(size * (0.7 + style.gap()));
    int margin = size;
    int width = 2 * margin + step * (digits.size() - 1) + size;
    int height = 3 * size;
    float[] ink = new float[width * height];
    List<Box> boxes = new ArrayList<>();
    for (int d = 0; d < digits.size(); d++) {
      int left = margin + d * step;
      int top = size;
      int minX = Integer.MAX_VALUE;
      int minY = Integer.MAX_VALUE;
      int maxX = -1;
      int maxY = -1;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          float v =
              bilinear(digits.get(d), (x + 0.5) * 28 / size - 0.5, (y + 0.5) * 28 / size - 0.5);
          int i = (top + y) * width + left + x;
          ink[i] = Math.max(ink[i], v);
          if (v > 0.2f) {
            minX = Math.min(minX, left + x);
            maxX = Math.max(maxX, left + x);
            minY = Math.min(minY, top + y);
            maxY = Math.max(maxY, top + y);
          }
        }
      }
      boxes.add(new Box(minX, minY, maxX - minX + 1, maxY - minY + 1));
    }
    SplittableRandom random = new SplittableRandom(seed);
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double light =
            style.lightFrom() + (style.lightTo() - style.lightFrom()) * x / (double) width;
        double paper = light;
        boolean printed =
            style.ruledEvery() > 0 && y % style.ruledEvery() == 0
                || style.gridEvery() > 0
                    && (y % style.gridEvery() == 0 || x % style.gridEvery() == 0);
        if (printed) {
          paper *= 0.8;
        }
        double shade = paper * (1 - style.inkDarkness() * ink[y * width + x]);
        if (style.lightOnDark()) {
          shade = 1 - shade;
        }
        int v = (int) Math.round(255 * shade + style.grain() * random.nextGaussian());
        v = Math.max(0, Math.min(255, v));
        picture.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    StringBuilder number = new StringBuilder();
    labels.forEach(number::append);
    return new Page(picture, boxes, number.toString());
  }

  private static float bilinear(float[] image, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double tx = x - x0;
    double ty = y - y0;
    return (float)
        ((1 - ty) * ((1 - tx) * at(image, x0, y0) + tx * at(image, x0 + 1, y0))
            + ty * ((1 - tx) * at(image, x0, y0 + 1) + tx * at(image, x0 + 1, y0 + 1)));
  }

  private static float at(float[] image, int x, int y) {
    return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0 : image[y * 28 + x];
  }
}
