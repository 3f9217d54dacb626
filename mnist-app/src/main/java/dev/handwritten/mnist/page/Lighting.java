package dev.handwritten.mnist.page;

/**
 * Stage 2 of reading a page, first half: evens out the lighting. A phone photo of paper is brighter
 * in one corner than another and may have a shadow across it; the paper's own brightness is
 * estimated everywhere and divided out, so that the same ink reads as the same strength under a
 * lamp or in a shadow. The result is ink strength: 0 where the paper is bare, towards 1 where the
 * ink is as dark as it gets.
 *
 * <p>The paper's brightness in a block is a high percentile of the block's pixels (ink covers a
 * minority of any block the size of a few strokes), closed over the grid of blocks (so that a block
 * inside a thick marker stroke takes its neighbours' paper while a shadow's edge stays put),
 * smoothed, and interpolated between block centres. Light writing on dark paper (a blackboard) is
 * turned around first.
 */
final class Lighting {
  /** The share of a block's pixels that may be ink without darkening the paper's estimate. */
  private static final double PAPER_PERCENTILE = 0.85;

  private Lighting() {}

  /**
   * The ink strength of a lightness image.
   *
   * @param lightness 0 black, 1 white
   * @param block the size of the blocks the paper is estimated in ({@link #blockSize})
   * @return ink strength, 0 bare paper, 1 as dark (or, on dark paper, as light) as ink gets
   */
  static GrayImage flatten(GrayImage lightness, int block) {
    int width = lightness.width();
    int height = lightness.height();
    float[] v = lightness.values().clone();
    if (median(v) < 0.45f) { // dark paper: light ink
      for (int i = 0; i < v.length; i++) {
        v[i] = 1 - v[i];
      }
    }
    int bw = (width + block - 1) / block;
    int bh = (height + block - 1) / block;
    float[] paper = new float[bw * bh];
    int[] histogram = new int[256];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        java.util.Arrays.fill(histogram, 0);
        int count = 0;
        for (int y = by * block; y < Math.min(height, (by + 1) * block); y++) {
          for (int x = bx * block; x < Math.min(width, (bx + 1) * block); x++) {
            histogram[Math.max(0, Math.min(255, (int) (v[y * width + x] * 255)))]++;
            count++;
          }
        }
        int rank = (int) (count * PAPER_PERCENTILE);
        int seen = 0;
        int level = 0;
        while (level < 255 && seen + histogram[level] <= rank) {
          seen += histogram[level++];
        }
        paper[by * bw + bx] = (level + 0.5f) / 255f;
      }
    }
    // A closing on the grid of blocks: a block the ink fills (inside a marker stroke) takes its
    // neighbours' paper, while the edge of a shadow stays where it is.
    paper = smooth(neighbours(neighbours(paper, bw, bh, true), bw, bh, false), bw, bh);
    float[] ink = new float[width * height];
    for (int y = 0; y < height; y++) {
      double gy = Math.max(0, Math.min(bh - 1, (y + 0.5) / block - 0.5));
      int y0 = (int) gy;
      int y1 = Math.min(bh - 1, y0 + 1);
      double ty = gy - y0;
      for (int x = 0; x < width; x++) {
        double gx = Math.max(0, Math.min(bw - 1, (x + 0.5) / block - 0.5));
        int x0 = (int) gx;
        int x1 = Math.min(bw - 1, x0 + 1);
        double tx = gx - x0;
        double background =
            (1 - ty) * ((1 - tx) * paper[y0 * bw + x0] + tx * paper[y0 * bw + x1])
                + ty * ((1 - tx) * paper[y1 * bw + x0] + tx * paper[y1 * bw + x1]);
        double strength = 1 - v[y * width + x] / Math.max(background, 0.02);
        ink[y * width + x] = (float) Math.max(0, Math.min(1, strength));
      }
    }
    return new GrayImage(ink, width, height);
  }

  /**
   * The block size for a picture: about a fortieth of its size, at least 8 pixels, and at least
   * four strokes wide, so that no block lies inside a stroke (a big digit filling a small picture,
   * a marker line) and takes the ink for paper.
   */
  static int blockSize(GrayImage lightness, int stroke) {
    int byPicture =
        Math.max(
            8, (int) Math.round(Math.sqrt((double) lightness.width() * lightness.height()) / 40));
    return Math.max(byPicture, 4 * stroke);
  }

  /**
   * A rough stroke width, before anything else is known: the ink is what is darker than Otsu's
   * threshold of the whole picture, and a stroke's width is the median length of its runs of ink
   * across and down (a run along a stroke is long, across it short; the shorter half wins).
   */
  static int strokeWidth(GrayImage lightness) {
    float[] v = lightness.values();
    boolean light = median(v) >= 0.45f;
    float threshold = otsu(v);
    int width = lightness.width();
    int height = lightness.height();
    int[] histogram = new int[Math.max(width, height) + 1];
    int runs = 0;
    for (int pass = 0; pass < 2; pass++) {
      boolean across = pass == 0;
      int lines = across ? height : width;
      int length = across ? width : height;
      for (int line = 0; line < lines; line++) {
        int run = 0;
        for (int i = 0; i <= length; i++) {
          boolean ink = false;
          if (i < length) {
            float value = across ? v[line * width + i] : v[i * width + line];
            ink = light ? value < threshold : value > threshold;
          }
          if (ink) {
            run++;
          } else if (run > 0) {
            histogram[run]++;
            runs++;
            run = 0;
          }
        }
      }
    }
    int seen = 0;
    for (int run = 1; run < histogram.length; run++) {
      seen += histogram[run];
      if (2 * seen >= runs) {
        return run;
      }
    }
    return 1;
  }

  /** Otsu's threshold of the values: the one that best separates two classes, from 256 bins. */
  static float otsu(float[] values) {
    int[] histogram = new int[256];
    for (float value : values) {
      histogram[Math.max(0, Math.min(255, (int) (value * 255)))]++;
    }
    double total = values.length;
    double sumAll = 0;
    for (int i = 0; i < 256; i++) {
      sumAll += i * (double) histogram[i];
    }
    double sumBelow = 0;
    double countBelow = 0;
    double best = -1;
    int threshold = 128;
    for (int t = 0; t < 256; t++) {
      countBelow += histogram[t];
      sumBelow += t * (double) histogram[t];
      double countAbove = total - countBelow;
      if (countBelow == 0 || countAbove == 0) {
        continue;
      }
      double meanBelow = sumBelow / countBelow;
      double meanAbove = (sumAll - sumBelow) / countAbove;
      double between = countBelow * countAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
      if (between > best) {
        best = between;
        threshold = t;
      }
    }
    return (threshold + 1) / 255f;
  }

  /** Each cell's brightest ({@code max}) or darkest 3 x 3 neighbourhood value. */
  private static float[] neighbours(float[] grid, int w, int h, boolean max) {
    float[] out = new float[grid.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float best = max ? 0 : 1;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
              float v = grid[yy * w + xx];
              best = max ? Math.max(best, v) : Math.min(best, v);
            }
          }
        }
        out[y * w + x] = best;
      }
    }
    return out;
  }

  private static float[] smooth(float[] grid, int w, int h) {
    float[] out = new float[grid.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
              sum += grid[yy * w + xx];
              n++;
            }
          }
        }
        out[y * w + x] = sum / n;
      }
    }
    return out;
  }

  /** The median, from a 256-bin histogram. */
  static float median(float[] values) {
    int[] histogram = new int[256];
    for (float v : values) {
      histogram[Math.max(0, Math.min(255, (int) (v * 255)))]++;
    }
    int seen = 0;
    for (int level = 0; level < 256; level++) {
      seen += histogram[level];
      if (seen * 2 >= values.length) {
        return (level + 0.5f) / 255f;
      }
    }
    return 1;
  }
}
