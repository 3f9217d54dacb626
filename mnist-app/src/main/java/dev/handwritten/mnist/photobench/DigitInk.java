package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.imaging.Filters;

/**
 * One MNIST digit as ink on paper at a photo's scale: how much of each pixel the stroke covers, in
 * [0, 1], for a digit of a given height written with a given {@link Pen}.
 *
 * <pre>{@code
 * DigitInk ink = DigitInk.write(mnistImage, 80, new Pen(2));   // 80 pixels high, 2-pixel pencil
 * ink.coverage();                                                  // [ink.height(), ink.width()]
 * }</pre>
 *
 * @param coverage [height, width], row-major, in [0, 1]
 * @param width the patch's width in pixels; the ink has a margin of empty pixels around it
 * @param height the patch's height
 */
record DigitInk(float[] coverage, int width, int height) {
  /* Design notes: MNIST's strokes, enlarged 2 to 30 times, are lumpy and all about a seventh of the
   * digit's height wide, like no pen. So the stroke is thinned to its centre line and redrawn with
   * the pen: the digit is enlarged to a working size of 64 pixels of ink height (bilinear, then a
   * Gaussian of 0.4 source pixels against the creases that bilinear leaves), thresholded and thinned
   * (Zhang-Suen); the centre pixels are smoothed along the line, then every pair of neighbours is
   * joined by a round-capped segment of the pen's width at the photo's scale, anti-aliased: a pixel
   * whose centre lies d pixels inside the stroke's edge is covered min(1, d + 0.5). */

  /** Coverage at which a pixel counts as ink, for boxes and ground truth. */
  static final float INK = 0.25f;

  /** MNIST pixels darker than this belong to the digit when its extent is measured. */
  private static final float MNIST_INK = 0.2f;

  private static final int SIDE = 28;

  /**
   * Writes an MNIST digit {@code height} pixels high.
   *
   * @param mnist 28 x 28 floats in [0, 1], ink high, row by row
   * @param height the ink's height in photo pixels, at least 4
   * @throws IllegalArgumentException if the image is not 28 x 28, or blank
   */
  static DigitInk write(float[] mnist, double height, Pen pen) {
    if (mnist.length != SIDE * SIDE) {
      throw new IllegalArgumentException(
          "DigitInk: expected a 28 x 28 image (784 values), got " + mnist.length);
    }
    if (!(height >= 4)) {
      throw new IllegalArgumentException("DigitInk: expected a height >= 4 pixels, got " + height);
    }
    int top = SIDE;
    int bottom = -1;
    int left = SIDE;
    int right = -1;
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        if (mnist[y * SIDE + x] > MNIST_INK) {
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
    }
    if (bottom < 0) {
      throw new IllegalArgumentException("DigitInk: the image is blank, no digit to write");
    }
    // The region around the ink, in MNIST pixels: two pixels of margin on every side.
    Region region = new Region(left - 2, top - 2, right - left + 5, bottom - top + 5);
    double scale = height / (bottom - top + 1); // photo pixels per MNIST pixel
    return traced(mnist, region, scale, pen.width());
  }

  /**
   * The ink's bounds in the patch: the pixels covered at least {@link #INK}.
   *
   * @return {left, top, right, bottom}, right and bottom exclusive
   */
  int[] inkBounds() {
    int left = width;
    int top = height;
    int right = 0;
    int bottom = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (coverage[y * width + x] >= INK) {
          left = Math.min(left, x);
          right = Math.max(right, x + 1);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y + 1);
        }
      }
    }
    if (right == 0) {
      throw new IllegalStateException("DigitInk: the digit left no ink at this size and pen");
    }
    return new int[] {left, top, right, bottom};
  }

  /** A rectangle of the 28 x 28 image, in MNIST pixels. */
  private record Region(int x, int y, int width, int height) {}

  /** The digit's field enlarged {@code scale} times over the region, smoothed. */
  private static float[] field(float[] mnist, Region r, double scale, int width, int height) {
    float[] field = new float[width * height];
    for (int y = 0; y < height; y++) {
      double my = r.y() + (y + 0.5) / scale - 0.5;
      for (int x = 0; x < width; x++) {
        double mx = r.x() + (x + 0.5) / scale - 0.5;
        field[y * width + x] = Filters.sample(mnist, SIDE, SIDE, mx, my);
      }
    }
    return Filters.blur(field, width, height, 0.4 * scale);
  }

  private static DigitInk traced(float[] mnist, Region r, double scale, double penWidth) {
    // The centre line, found at a working scale where the ink is about 64 pixels high.
    double work = Math.max(2, 64.0 / (r.height() - 4));
    int ww = (int) Math.ceil(r.width() * work);
    int wh = (int) Math.ceil(r.height() * work);
    float[] f = field(mnist, r, work, ww, wh);
    boolean[] mask = new boolean[f.length];
    for (int y = 1; y < wh - 1; y++) {
      for (int x = 1; x < ww - 1; x++) {
        mask[y * ww + x] = f[y * ww + x] > 0.4f;
      }
    }
    Filters.thin(mask, ww, wh);

    // Drawn at the photo's scale, with room for the pen around the region.
    double radius = penWidth / 2;
    int pad = (int) Math.ceil(radius) + 1;
    int width = (int) Math.ceil(r.width() * scale) + 2 * pad;
    int height = (int) Math.ceil(r.height() * scale) + 2 * pad;
    float[] coverage = new float[width * height];
    double toPhoto = scale / work;
    float[][] centre = smoothed(mask, ww, wh);
    int[][] forward = {{1, 0}, {-1, 1}, {0, 1}, {1, 1}}; // each neighbouring pair once
    for (int y = 0; y < wh; y++) {
      for (int x = 0; x < ww; x++) {
        int i = y * ww + x;
        if (!mask[i]) {
          continue;
        }
        double ax = pad + centre[0][i] * toPhoto;
        double ay = pad + centre[1][i] * toPhoto;
        stamp(coverage, width, height, ax, ay, ax, ay, radius);
        for (int[] d : forward) {
          int nx = x + d[0];
          int ny = y + d[1];
          int j = ny * ww + nx;
          if (nx >= 0 && nx < ww && ny < wh && mask[j]) {
            double bx = pad + centre[0][j] * toPhoto;
            double by = pad + centre[1][j] * toPhoto;
            stamp(coverage, width, height, ax, ay, bx, by, radius);
          }
        }
      }
    }
    return new DigitInk(coverage, width, height);
  }

  /**
   * Each centre-line pixel moved to the mean position of the centre-line pixels near it (twice,
   * within 2 pixels), so that the pen follows a smooth curve instead of the pixels' staircase.
   *
   * @return {x, y}: [height, width] each, in working pixels, pixel centres at +0.5
   */
  private static float[][] smoothed(boolean[] mask, int width, int height) {
    float[] xs = new float[mask.length];
    float[] ys = new float[mask.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        xs[y * width + x] = x + 0.5f;
        ys[y * width + x] = y + 0.5f;
      }
    }
    for (int pass = 0; pass < 2; pass++) {
      float[] nx = xs.clone();
      float[] ny = ys.clone();
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          if (!mask[y * width + x]) {
            continue;
          }
          double sx = 0;
          double sy = 0;
          int n = 0;
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              int qx = x + dx;
              int qy = y + dy;
              if (qx >= 0 && qy >= 0 && qx < width && qy < height && mask[qy * width + qx]) {
                sx += xs[qy * width + qx];
                sy += ys[qy * width + qx];
                n++;
              }
            }
          }
          nx[y * width + x] = (float) (sx / n);
          ny[y * width + x] = (float) (sy / n);
        }
      }
      xs = nx;
      ys = ny;
    }
    return new float[][] {xs, ys};
  }

  /**
   * Covers the pixels within {@code radius} of segment a-b (a round-capped stroke), anti-aliased.
   */
  private static void stamp(
      float[] coverage,
      int width,
      int height,
      double ax,
      double ay,
      double bx,
      double by,
      double r) {
    int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - r - 1));
    int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(ax, bx) + r + 1));
    int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - r - 1));
    int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(ay, by) + r + 1));
    double dx = bx - ax;
    double dy = by - ay;
    double length2 = dx * dx + dy * dy;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double px = x + 0.5 - ax;
        double py = y + 0.5 - ay;
        double t = length2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / length2)) : 0;
        double ex = px - t * dx;
        double ey = py - t * dy;
        double distance = Math.sqrt(ex * ex + ey * ey);
        float c = (float) Math.max(0, Math.min(1, r + 0.5 - distance));
        int i = y * width + x;
        if (c > coverage[i]) {
          coverage[i] = c;
        }
      }
    }
  }
}
