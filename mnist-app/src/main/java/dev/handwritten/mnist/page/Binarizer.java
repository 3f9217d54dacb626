package dev.handwritten.mnist.page;

/**
 * Stage 2 of reading a page, second half: decides which pixels are ink, from the ink strength that
 * {@link Lighting} leaves.
 *
 * <p>Hysteresis, as in Canny's edge detector: a pixel clearly darker than its surroundings starts a
 * stroke, and fainter pixels join it only where they touch a stroke. A pencil line fades along its
 * length without breaking apart, while grain and JPEG noise, as faint but touching nothing, stay
 * paper. Both thresholds follow the picture: the noise (the spread of the bare paper) sets their
 * floor, the strokes' typical strength their height, and a pixel must also stand out from its
 * neighbourhood's mean (a local, Sauvola-like test), so that what is left of a shadow's edge after
 * flattening is not taken for ink.
 */
final class Binarizer {
  private Binarizer() {}

  /**
   * The ink, and every faint mark whether or not it touches a stroke.
   *
   * @param ink the strokes: clear marks and the faint pixels that touch them
   * @param faint every pixel above the faint threshold: printed lines show here whole, however
   *     broken they are in {@code ink}
   */
  record Marks(InkMask ink, InkMask faint) {}

  /** The ink of an ink-strength image; {@code block} sets the neighbourhood (a few strokes). */
  static Marks binarize(GrayImage strength, int block) {
    int width = strength.width();
    int height = strength.height();
    float[] c = strength.values();
    float paper = Lighting.median(c);
    float spread = spread(c, paper);
    float floor = paper + 6 * spread;
    float stroke = percentileAbove(c, Math.max(0.12f, floor), 0.75f);
    if (Float.isNaN(stroke)) { // no ink at all
      InkMask none = new InkMask(new boolean[c.length], width, height);
      return new Marks(none, none);
    }
    float strong = Math.max(Math.max(0.10f, floor), 0.45f * stroke);
    float weak = Math.max(Math.max(0.05f, paper + 3 * spread), 0.2f * stroke);
    double[] local = localMeans(c, width, height, 2 * block + 1);
    boolean[] ink = new boolean[c.length];
    boolean[] faint = new boolean[c.length]; // above the faint threshold, wherever it is
    boolean[] joins = new boolean[c.length]; // faint, and standing out from its surroundings
    for (int i = 0; i < c.length; i++) {
      faint[i] = c[i] >= weak;
      joins[i] = faint[i] && c[i] >= local[i] + 0.03;
    }
    int[] stack = new int[c.length];
    int top = 0;
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= strong && c[i] >= local[i] + 0.08 && !ink[i]) {
        ink[i] = true;
        stack[top++] = i;
        while (top > 0) {
          int p = stack[--top];
          int px = p % width;
          int py = p / width;
          for (int dy = -1; dy <= 1; dy++) {
            int y = py + dy;
            if (y < 0 || y >= height) {
              continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
              int x = px + dx;
              int q = y * width + x;
              if (x >= 0 && x < width && !ink[q] && joins[q]) {
                ink[q] = true;
                stack[top++] = q;
              }
            }
          }
        }
      }
    }
    return new Marks(new InkMask(ink, width, height), new InkMask(faint, width, height));
  }

  /** The bare paper's spread: 1.48 times the median absolute deviation below the ink. */
  private static float spread(float[] c, float paper) {
    int[] histogram = new int[1024];
    int n = 0;
    for (float v : c) {
      float d = Math.abs(v - paper);
      if (v < paper + 0.1f) {
        histogram[Math.min(1023, (int) (d * 1024))]++;
        n++;
      }
    }
    int seen = 0;
    for (int level = 0; level < 1024; level++) {
      seen += histogram[level];
      if (seen * 2 >= n) {
        return Math.max(0.005f, 1.4826f * (level + 0.5f) / 1024);
      }
    }
    return 0.005f;
  }

  /** The {@code fraction} percentile of the values above {@code threshold}; NaN if none. */
  private static float percentileAbove(float[] c, float threshold, float fraction) {
    int[] histogram = new int[1024];
    int n = 0;
    for (float v : c) {
      if (v >= threshold) {
        histogram[Math.min(1023, (int) (v * 1024))]++;
        n++;
      }
    }
    if (n < 16) {
      return Float.NaN;
    }
    int seen = 0;
    for (int level = 0; level < 1024; level++) {
      seen += histogram[level];
      if (seen >= fraction * n) {
        return (level + 0.5f) / 1024;
      }
    }
    return 1;
  }

  /** The mean over a {@code window} x {@code window} square around each pixel (clipped). */
  static double[] localMeans(float[] c, int width, int height, int window) {
    double[] sums = new double[(width + 1) * (height + 1)]; // integral image
    for (int y = 0; y < height; y++) {
      double row = 0;
      for (int x = 0; x < width; x++) {
        row += c[y * width + x];
        sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1] + row;
      }
    }
    double[] means = new double[c.length];
    int half = window / 2;
    for (int y = 0; y < height; y++) {
      int y0 = Math.max(0, y - half);
      int y1 = Math.min(height, y + half + 1);
      for (int x = 0; x < width; x++) {
        int x0 = Math.max(0, x - half);
        int x1 = Math.min(width, x + half + 1);
        double sum =
            sums[y1 * (width + 1) + x1]
                - sums[y0 * (width + 1) + x1]
                - sums[y1 * (width + 1) + x0]
                + sums[y0 * (width + 1) + x0];
        means[y * width + x] = sum / ((double) (y1 - y0) * (x1 - x0));
      }
    }
    return means;
  }
}
