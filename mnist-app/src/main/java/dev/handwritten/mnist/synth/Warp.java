package dev.handwritten.mnist.synth;

import java.util.SplittableRandom;

/**
 * A smooth distortion of a canvas, the way a hand never draws the same shape twice: a rotation, a
 * shear and a stretch about the centre, then an elastic displacement (Simard et al., 2003), each
 * pixel moved by a field interpolated bilinearly between random displacements on a coarse grid.
 *
 * @param rotation counter-clockwise, in radians, as the picture is shown
 * @param shear horizontal shift per pixel down, as a slant: positive leans the top to the right
 * @param stretch horizontal scale over vertical scale; 1 keeps the proportions
 * @param elastic the largest displacement of a grid point, as a fraction of the canvas side
 * @param seed draws the elastic field
 */
record Warp(double rotation, double shear, double stretch, double elastic, long seed) {
  /** Control points per side of the elastic field's grid: a few bends per mark, not a jitter. */
  private static final int GRID = 5;

  /** A new mask: each pixel samples {@code mask} where the inverse distortion takes it. */
  Mask apply(Mask mask) {
    int w = mask.width();
    int h = mask.height();
    double side = Math.max(w, h);
    double[][] fieldX = field(new SplittableRandom(seed), elastic * side);
    double[][] fieldY = field(new SplittableRandom(seed + 1), elastic * side);
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    // The forward map is: stretch, shear, rotate, about the centre. Its inverse, written out:
    double cos = Math.cos(rotation);
    double sin = Math.sin(rotation);
    double sx = Math.sqrt(stretch);
    double sy = 1 / sx;
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double u = x - cx + interpolate(fieldX, x / (w - 1.0), y / (h - 1.0));
        double v = y - cy + interpolate(fieldY, x / (w - 1.0), y / (h - 1.0));
        // Undo the rotation (y points down, so a counter-clockwise turn on screen).
        double ru = cos * u - sin * v;
        double rv = sin * u + cos * v;
        // Undo the shear, then the stretch.
        double qv = rv / sy;
        double qu = (ru + shear * rv) / sx;
        out[y * w + x] = bilinear(mask, qu + cx, qv + cy);
      }
    }
    return new Mask(w, h, out);
  }

  private static double[][] field(SplittableRandom random, double amplitude) {
    double[][] f = new double[GRID][GRID];
    for (double[] row : f) {
      for (int i = 0; i < GRID; i++) {
        row[i] = random.nextDouble(-1, 1) * amplitude;
      }
    }
    return f;
  }

  /** The field at (fx, fy) in [0, 1] x [0, 1], bilinear between grid points. */
  private static double interpolate(double[][] f, double fx, double fy) {
    double gx = fx * (GRID - 1);
    double gy = fy * (GRID - 1);
    int x0 = Math.min(GRID - 2, (int) gx);
    int y0 = Math.min(GRID - 2, (int) gy);
    double tx = gx - x0;
    double ty = gy - y0;
    return (1 - ty) * ((1 - tx) * f[y0][x0] + tx * f[y0][x0 + 1])
        + ty * ((1 - tx) * f[y0 + 1][x0] + tx * f[y0 + 1][x0 + 1]);
  }

  private static float bilinear(Mask mask, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double top = (1 - fx) * at(mask, x0, y0) + fx * at(mask, x0 + 1, y0);
    double bottom = (1 - fx) * at(mask, x0, y0 + 1) + fx * at(mask, x0 + 1, y0 + 1);
    return (float) ((1 - fy) * top + fy * bottom);
  }

  private static float at(Mask mask, int x, int y) {
    return x < 0 || y < 0 || x >= mask.width() || y >= mask.height()
        ? 0f
        : mask.ink()[y * mask.width() + x];
  }
}
