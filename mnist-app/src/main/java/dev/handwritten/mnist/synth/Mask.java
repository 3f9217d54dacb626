package dev.handwritten.mnist.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Where the ink lies on a canvas: {@code [height, width]} floats, 0 for bare paper, 1 for full ink,
 * row by row. Every mark the generators draw (a glyph, a pen stroke, an MNIST digit) becomes a mask
 * first; {@link Ink} then puts it on paper.
 *
 * @param width canvas columns
 * @param height canvas rows
 * @param ink {@code width * height} values in [0, 1]
 */
record Mask(int width, int height, float[] ink) {
  Mask {
    if (width < 1 || height < 1 || ink.length != width * height) {
      throw new IllegalArgumentException(
          "Mask: expected " + width + " x " + height + " values, got " + ink.length);
    }
  }

  /** An empty canvas. */
  static Mask blank(int width, int height) {
    return new Mask(width, height, new float[width * height]);
  }

  /**
   * A shape rasterized with anti-aliasing, filled or drawn with a pen.
   *
   * @param pen the stroke to draw the outline with, or {@code null} to fill the shape
   */
  static Mask of(Shape shape, java.awt.Stroke pen, int width, int height) {
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = canvas.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(java.awt.Color.WHITE);
    if (pen == null) {
      g.fill(shape);
    } else {
      g.setStroke(pen);
      g.draw(shape);
    }
    g.dispose();
    Raster raster = canvas.getRaster();
    float[] ink = new float[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        ink[y * width + x] = raster.getSample(x, y, 0) / 255f;
      }
    }
    return new Mask(width, height, ink);
  }

  /** The sum of the ink. */
  double mass() {
    double sum = 0;
    for (float v : ink) {
      sum += v;
    }
    return sum;
  }

  /**
   * The box around the ink above {@code level}, as {@code {left, top, right, bottom}} (inclusive),
   * or {@code null} when there is none.
   */
  int[] bounds(float level) {
    int left = width;
    int top = height;
    int right = -1;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (ink[y * width + x] > level) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    return right < 0 ? null : new int[] {left, top, right, bottom};
  }

  /** Each pixel the maximum of the two masks: both marks on one canvas. */
  Mask union(Mask other) {
    float[] out = ink.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(out[i], other.ink[i]);
    }
    return new Mask(width, height, out);
  }

  /**
   * Thicker strokes (a positive radius: each pixel takes the most ink within it) or thinner ones (a
   * negative radius: the least ink); 0 leaves the mask as it is.
   */
  Mask thicken(int radius) {
    if (radius == 0) {
      return this;
    }
    int r = Math.abs(radius);
    boolean grow = radius > 0;
    float[] out = new float[ink.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float best = grow ? 0 : 1;
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            if (dx * dx + dy * dy > r * r + r) {
              continue; // a disc, not a square: round pen tips
            }
            int sx = x + dx;
            int sy = y + dy;
            float v = sx < 0 || sy < 0 || sx >= width || sy >= height ? 0 : ink[sy * width + sx];
            best = grow ? Math.max(best, v) : Math.min(best, v);
          }
        }
        out[y * width + x] = best;
      }
    }
    return new Mask(width, height, out);
  }

  /** A box blur of the given radius in each direction, twice: close to a Gaussian. */
  Mask blur(int radius) {
    if (radius == 0) {
      return this;
    }
    float[] a = ink.clone();
    float[] b = new float[ink.length];
    for (int pass = 0; pass < 2; pass++) {
      boxLine(a, b, width, height, 1, width, radius); // along rows
      boxLine(b, a, height, width, width, 1, radius); // along columns
    }
    return new Mask(width, height, a);
  }

  /**
   * Averages {@code lines} lines of {@code length} cells, cells {@code step} apart and lines {@code
   * stride} apart, over a window of {@code 2 radius + 1} cells (zeros outside).
   */
  private static void boxLine(
      float[] src, float[] dst, int length, int lines, int step, int stride, int radius) {
    for (int line = 0; line < lines; line++) {
      int base = line * stride;
      for (int i = 0; i < length; i++) {
        double sum = 0;
        for (int k = Math.max(0, i - radius); k <= Math.min(length - 1, i + radius); k++) {
          sum += src[base + k * step];
        }
        dst[base + i * step] = (float) (sum / (2 * radius + 1));
      }
    }
  }
}
