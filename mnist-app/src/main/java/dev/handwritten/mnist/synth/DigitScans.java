package dev.handwritten.mnist.synth;

import java.util.SplittableRandom;

/**
 * MNIST digits drawn on a canvas, enlarged smoothly, one alone or two side by side, so that they go
 * through the same pen, paper and preparation as every other generated mark.
 */
final class DigitScans {
  private static final int SIZE = 28;

  private DigitScans() {}

  /**
   * One digit on a canvas, enlarged 2.5 to 5 times, with a margin.
   *
   * @param digit 28 x 28 values in [0, 1], ink high, row by row
   */
  static Mask one(float[] digit, SplittableRandom random) {
    double scale = random.nextDouble(2.5, 5);
    int side = (int) Math.round(SIZE * scale * random.nextDouble(1.2, 1.6));
    Mask canvas = Mask.blank(side, side);
    int[] box = inkBox(digit);
    double cx = (box[0] + box[2] + 1) / 2.0;
    double cy = (box[1] + box[3] + 1) / 2.0;
    draw(canvas, digit, scale, side / 2.0 - cx * scale, side / 2.0 - cy * scale);
    return canvas;
  }

  /**
   * Two digits side by side, as when a box was drawn around two of them: their ink a little apart,
   * touching, or overlapping a little, at slightly different sizes and heights.
   */
  static Mask two(float[] left, float[] right, SplittableRandom random) {
    double scale = random.nextDouble(2.5, 4.5);
    double scaleRight = scale * random.nextDouble(0.85, 1.15);
    int[] a = inkBox(left);
    int[] b = inkBox(right);
    double heightA = (a[3] - a[1] + 1) * scale;
    double gap = heightA * random.nextDouble(-0.1, 0.35);
    double widthA = (a[2] - a[0] + 1) * scale;
    double widthB = (b[2] - b[0] + 1) * scaleRight;
    double heightB = (b[3] - b[1] + 1) * scaleRight;
    double inkWidth = widthA + gap + widthB;
    double inkHeight = Math.max(heightA, heightB) * 1.25;
    int width = (int) Math.round(inkWidth * random.nextDouble(1.15, 1.4));
    int height = (int) Math.round(inkHeight * random.nextDouble(1.2, 1.6));
    Mask canvas = Mask.blank(width, height);
    double x0 = (width - inkWidth) / 2;
    double drop = random.nextDouble(-0.12, 0.12) * heightA;
    draw(
        canvas,
        left,
        scale,
        x0 - a[0] * scale,
        height / 2.0 - drop - (a[1] + a[3] + 1) * scale / 2);
    draw(
        canvas,
        right,
        scaleRight,
        x0 + widthA + gap - b[0] * scaleRight,
        height / 2.0 + drop - (b[1] + b[3] + 1) * scaleRight / 2);
    return canvas;
  }

  /**
   * Adds a digit, enlarged {@code scale} times, with its top left corner at ({@code x}, {@code y});
   * where marks overlap, the darker wins.
   */
  private static void draw(Mask canvas, float[] digit, double scale, double x, double y) {
    int w = canvas.width();
    float[] ink = canvas.ink();
    for (int py = 0; py < canvas.height(); py++) {
      for (int px = 0; px < w; px++) {
        // Pixel centres: canvas pixel px covers [px, px + 1); MNIST pixel i covers [i, i + 1).
        double u = (px + 0.5 - x) / scale - 0.5;
        double v = (py + 0.5 - y) / scale - 0.5;
        if (u < -1 || v < -1 || u > SIZE || v > SIZE) {
          continue;
        }
        ink[py * w + px] = Math.max(ink[py * w + px], bilinear(digit, u, v));
      }
    }
  }

  private static float bilinear(float[] digit, double u, double v) {
    int x0 = (int) Math.floor(u);
    int y0 = (int) Math.floor(v);
    double fx = u - x0;
    double fy = v - y0;
    double top = (1 - fx) * at(digit, x0, y0) + fx * at(digit, x0 + 1, y0);
    double bottom = (1 - fx) * at(digit, x0, y0 + 1) + fx * at(digit, x0 + 1, y0 + 1);
    return (float) ((1 - fy) * top + fy * bottom);
  }

  private static float at(float[] digit, int x, int y) {
    return x < 0 || y < 0 || x >= SIZE || y >= SIZE ? 0 : digit[y * SIZE + x];
  }

  /** The ink's box {left, top, right, bottom}, inclusive; the whole field if it is empty. */
  private static int[] inkBox(float[] digit) {
    int[] box = new Mask(SIZE, SIZE, digit).bounds(0.1f);
    return box == null ? new int[] {0, 0, SIZE - 1, SIZE - 1} : box;
  }
}
