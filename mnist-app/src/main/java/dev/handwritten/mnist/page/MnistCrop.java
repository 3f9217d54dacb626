package dev.handwritten.mnist.page;

import java.util.List;

/**
 * Stage 6 of reading a page: turns one glyph into what the network was trained on, the way MNIST's
 * digits were made. Its own ink only (a neighbour reaching into its box is left out), at the
 * stroke's full strength; fitted into 20 x 20 pixels keeping its shape; its strokes brought near
 * MNIST's typical width (a thin pencil line thickened, a marker thinned), since a network trained
 * on pen strokes reads a hairline or a blob poorly; and placed in 28 x 28 with its centre of mass
 * where the test set's is.
 */
final class MnistCrop {
  /** Rows and columns of the result. */
  static final int SIZE = 28;

  /** The longer side of the digit inside the field. */
  static final int BOX = 20;

  /** Where the centre of mass goes, across and down (the MNIST test set's mean: 14.51, 14.49). */
  static final double CENTRE = 14.5;

  /**
   * MNIST's typical stroke width in pixels of the 20 x 20 box ({@link #strokeWidth}): the median
   * over the test set is 2.51; a tenth of its digits are under 1.86 and a tenth over 3.66 (measured
   * by {@code StagesTest}).
   */
  static final double MNIST_STROKE = 2.5;

  /** Strokes thinner than this (MNIST's 10th percentile) are thickened towards MNIST_STROKE. */
  static final double THINNEST = 1.86;

  /** Strokes wider than this (MNIST's 90th percentile) are thinned towards MNIST_STROKE. */
  static final double WIDEST = 3.66;

  private MnistCrop() {}

  /**
   * One glyph as a network input.
   *
   * @param strength ink strength of the page (0 paper, 1 full ink)
   * @param labels which piece each pixel belongs to
   * @param pieces the glyph's pieces
   * @param box the part of the page to take (the glyph's box, or part of it after a split)
   * @return the network's input and where the ink is, or null when the box holds none of the
   *     glyph's ink
   */
  static Prepared prepare(GrayImage strength, int[] labels, List<Integer> pieces, Box box) {
    GrayImage ink = ownInk(strength, labels, pieces, box);
    Box tight = inkBox(ink);
    if (tight == null) {
      return null;
    }
    Box inPage =
        new Box(
            Math.max(0, box.x()) + tight.x(),
            Math.max(0, box.y()) + tight.y(),
            tight.width(),
            tight.height());
    ink = ink.crop(tight);
    float level = strokeLevel(ink);
    for (int i = 0; i < ink.values().length; i++) {
      ink.values()[i] = Math.min(1, ink.values()[i] / level);
    }
    GrayImage fitted = fit(ink);
    double stroke = strokeWidth(fitted);
    if (!Double.isNaN(stroke) && (stroke < THINNEST || stroke > WIDEST)) {
      // Thicken or thin at the crop's own resolution, by the difference scaled up to it.
      double perBoxPixel = Math.max(ink.width(), ink.height()) / (double) BOX;
      // Never thin a stroke below one box pixel.
      double radius = Math.max((MNIST_STROKE - stroke) / 2, (1 - stroke) / 2) * perBoxPixel;
      fitted = fit(morph(ink, radius));
    }
    return new Prepared(centreByMass(fitted), inPage);
  }

  /**
   * A glyph made ready for the network.
   *
   * @param input 784 floats in [0, 1], row by row
   * @param inkBox the box around its ink, in the page's pixels
   */
  record Prepared(float[] input, Box inkBox) {}

  /**
   * The glyph's ink inside {@code box}: its pieces' pixels and their faint edge, which the
   * binarizer left out, and nothing else, so that a neighbour reaching into the box is left out.
   */
  static GrayImage ownInk(GrayImage strength, int[] labels, List<Integer> pieces, Box box) {
    int width = strength.width();
    int left = Math.max(0, box.x());
    int top = Math.max(0, box.y());
    int right = Math.min(width, box.right());
    int bottom = Math.min(strength.height(), box.bottom());
    int w = right - left;
    int h = bottom - top;
    java.util.Set<Integer> own = new java.util.HashSet<>(pieces);
    float[] out = new float[Math.max(1, w * h)];
    for (int y = top; y < bottom; y++) {
      for (int x = left; x < right; x++) {
        boolean near = false;
        for (int dy = -1; dy <= 1 && !near; dy++) {
          for (int dx = -1; dx <= 1 && !near; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx >= left && xx < right && yy >= top && yy < bottom) {
              int label = labels[yy * width + xx];
              near = label >= 0 && own.contains(label);
            }
          }
        }
        if (near) {
          out[(y - top) * w + (x - left)] = strength.values()[y * width + x];
        }
      }
    }
    return new GrayImage(out, Math.max(1, w), Math.max(1, h));
  }

  /** The box around the pixels of clear ink (above a fifth of full strength); null if none. */
  private static Box inkBox(GrayImage ink) {
    int left = ink.width();
    int right = -1;
    int top = ink.height();
    int bottom = -1;
    float max = 0;
    for (float v : ink.values()) {
      max = Math.max(max, v);
    }
    if (max <= 0) {
      return null;
    }
    for (int y = 0; y < ink.height(); y++) {
      for (int x = 0; x < ink.width(); x++) {
        if (ink.get(x, y) > 0.2f * max) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    return right < 0 ? null : new Box(left, top, right - left + 1, bottom - top + 1);
  }

  /** The strength of the stroke's core: the 90th percentile of the ink's nonzero pixels. */
  private static float strokeLevel(GrayImage ink) {
    float[] values = ink.values();
    int[] histogram = new int[256];
    int n = 0;
    for (float v : values) {
      if (v > 0) {
        histogram[Math.min(255, (int) (v * 255))]++;
        n++;
      }
    }
    int seen = 0;
    for (int level = 0; level < 256; level++) {
      seen += histogram[level];
      if (seen >= 0.9 * n) {
        return Math.max(0.05f, (level + 0.5f) / 255);
      }
    }
    return 1;
  }

  /** Scaled so that its longer side is BOX pixels, keeping its shape. */
  static GrayImage fit(GrayImage ink) {
    double scale = (double) BOX / Math.max(ink.width(), ink.height());
    int w = Math.max(1, (int) Math.round(ink.width() * scale));
    int h = Math.max(1, (int) Math.round(ink.height() * scale));
    return ink.resized(w, h);
  }

  /**
   * The stroke width of a fitted digit, in its pixels: its ink's mass (the sum of its values) over
   * the strokes' length. The length is the skeleton's (of the pixels above 0.5) plus one width,
   * since thinning eats half a width at each end of a stroke: {@code w = mass / (skeleton + w)}. A
   * bar 7 pixels wide and 20 long measures 7.0. NaN when no pixel is above 0.5.
   */
  static double strokeWidth(GrayImage fitted) {
    int w = fitted.width();
    int h = fitted.height();
    boolean[] on = new boolean[w * h];
    double mass = 0;
    for (int i = 0; i < on.length; i++) {
      on[i] = fitted.values()[i] > 0.5f;
      mass += fitted.values()[i];
    }
    int length = Thinning.skeletonLength(on, w, h);
    if (length == 0) {
      return Double.NaN;
    }
    return (-length + Math.sqrt((double) length * length + 4 * mass)) / 2;
  }

  /**
   * Grey dilation ({@code radius > 0}) or erosion ({@code radius < 0}) by a square of that radius,
   * fractional radii blended between the two nearest whole ones; the picture grows by the radius on
   * each side for a dilation, so no ink is cut.
   */
  static GrayImage morph(GrayImage ink, double radius) {
    int whole = (int) Math.floor(Math.abs(radius));
    double part = Math.abs(radius) - whole;
    boolean dilate = radius > 0;
    int pad = dilate ? whole + 1 : 0;
    GrayImage padded = pad(ink, pad);
    GrayImage a = extremum(padded, whole, dilate);
    GrayImage b = extremum(padded, whole + 1, dilate);
    float[] out = new float[a.values().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((1 - part) * a.values()[i] + part * b.values()[i]);
    }
    return new GrayImage(out, a.width(), a.height());
  }

  private static GrayImage pad(GrayImage ink, int pad) {
    if (pad == 0) {
      return ink;
    }
    int w = ink.width() + 2 * pad;
    int h = ink.height() + 2 * pad;
    float[] out = new float[w * h];
    for (int y = 0; y < ink.height(); y++) {
      System.arraycopy(ink.values(), y * ink.width(), out, (y + pad) * w + pad, ink.width());
    }
    return new GrayImage(out, w, h);
  }

  /** The max (or min) over a (2r+1) square around each pixel, done across then down. */
  private static GrayImage extremum(GrayImage in, int r, boolean max) {
    if (r == 0) {
      return in;
    }
    int w = in.width();
    int h = in.height();
    float[] across = new float[w * h];
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float best = max ? 0 : 1;
        for (int d = -r; d <= r; d++) {
          int xx = x + d;
          float v = xx >= 0 && xx < w ? in.values()[y * w + xx] : 0;
          best = max ? Math.max(best, v) : Math.min(best, v);
        }
        across[y * w + x] = best;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float best = max ? 0 : 1;
        for (int d = -r; d <= r; d++) {
          int yy = y + d;
          float v = yy >= 0 && yy < h ? across[yy * w + x] : 0;
          best = max ? Math.max(best, v) : Math.min(best, v);
        }
        out[y * w + x] = best;
      }
    }
    return new GrayImage(out, w, h);
  }

  /** Places the digit in the 28 x 28 field with its centre of mass at (CENTRE, CENTRE). */
  static float[] centreByMass(GrayImage digit) {
    int width = digit.width();
    int height = digit.height();
    double mass = 0;
    double sumX = 0;
    double sumY = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float v = digit.get(x, y);
        mass += v;
        sumX += v * (x + 0.5);
        sumY += v * (y + 0.5);
      }
    }
    int left = clamp((int) Math.round(CENTRE - sumX / Math.max(mass, 1e-9)), SIZE - width);
    int top = clamp((int) Math.round(CENTRE - sumY / Math.max(mass, 1e-9)), SIZE - height);
    float[] field = new float[SIZE * SIZE];
    for (int y = 0; y < Math.min(height, SIZE); y++) {
      for (int x = 0; x < Math.min(width, SIZE); x++) {
        field[(top + y) * SIZE + left + x] = Math.max(0, Math.min(1, digit.get(x, y)));
      }
    }
    return field;
  }

  private static int clamp(int value, int max) {
    return Math.max(0, Math.min(value, Math.max(0, max)));
  }
}
