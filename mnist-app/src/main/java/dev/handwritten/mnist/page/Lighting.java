package dev.handwritten.mnist.page;

/**
 * Stage 2 of reading a page, first half: evens out the lighting. A phone photo of paper is brighter
 * in one corner than another and may have a shadow across it; the paper's own brightness is
 * estimated everywhere and divided out, so that the same ink reads as the same strength under a
 * lamp or in a shadow. The result is ink strength: 0 where the paper is bare, towards 1 where the
 * ink is as dark as it gets.
 *
 * <p>The paper's brightness is a closing of the picture: the brightest value around each pixel,
 * then the darkest of those, over a square twice a stroke's width each way. It wipes out every
 * stroke narrower than the square, while a shadow, a dark table or any dark region wider than it
 * keeps its place and its sharp edges, so that neither leaves a band of false ink along its edge.
 * Light writing on dark paper (a blackboard) is turned around first.
 */
final class Lighting {
  private Lighting() {}

  /**
   * The ink strength of a lightness image.
   *
   * @param lightness 0 black, 1 white
   * @param stroke the writing's stroke width ({@link #probe})
   * @param lightInk whether the writing is lighter than the paper ({@link #probe})
   * @return ink strength, 0 bare paper (a little below or above with the paper's grain), 1 as dark
   *     (or, on dark paper, as light) as ink gets
   */
  static GrayImage flatten(GrayImage lightness, int stroke, boolean lightInk) {
    int width = lightness.width();
    int height = lightness.height();
    float[] v = lightness.values().clone();
    if (lightInk) { // chalk on a board: turned around, it is dark ink on light paper
      for (int i = 0; i < v.length; i++) {
        v[i] = 1 - v[i];
      }
    }
    // The paper: a closing (the brightest, then the darkest, over a square twice a stroke's width
    // each way) wipes out every stroke narrower than the square, while a shadow, a dark table or
    // any other dark region wider than it keeps its place and its edges. Blurred a little first,
    // so that the brightest grain does not set the paper's level, and after, so no block shows.
    int radius = Math.max(2, 2 * stroke);
    float[] paper = blur(v, width, height, 1);
    paper = extreme(extreme(paper, width, height, radius, true), width, height, radius, false);
    paper = blur(paper, width, height, Math.max(1, radius / 2));
    // Dividing by the paper's brightness evens out a shadow; where the "paper" is far darker than
    // the page's (a dark table beyond the sheet), dividing by it would blow its grain up into ink,
    // so the divisor is never below half the page's usual paper.
    float floor = Math.max(0.02f, 0.5f * percentileOf(paper, 0.9f));
    float[] ink = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      // Not clipped at 0: the paper's grain, below and above its level alike, tells the binarizer
      // how noisy the picture is.
      ink[i] = Math.min(1, (paper[i] - v[i]) / Math.max(paper[i], floor));
    }
    return new GrayImage(ink, width, height);
  }

  /**
   * The brightest ({@code max}) or darkest value over the (2r+1)-square around each pixel, clipped
   * at the edges: across, then down, in linear time whatever r (van Herk and Gil-Werman: running
   * extremes forward and backward within blocks of 2r+1, of which any window spans at most two).
   * Down the picture, whole rows are combined at a time, so memory is read in order.
   */
  static float[] extreme(float[] in, int width, int height, int r, boolean max) {
    int size = 2 * r + 1;
    float[] across = new float[in.length];
    float[] forward = new float[width];
    float[] backward = new float[width];
    for (int y = 0; y < height; y++) {
      int base = y * width;
      for (int x = 0; x < width; x++) {
        float v = in[base + x];
        forward[x] = x % size == 0 ? v : pick(forward[x - 1], v, max);
      }
      for (int x = width - 1; x >= 0; x--) {
        float v = in[base + x];
        backward[x] = x % size == size - 1 || x == width - 1 ? v : pick(backward[x + 1], v, max);
      }
      for (int x = 0; x < width; x++) {
        int from = Math.max(0, x - r);
        int to = Math.min(width - 1, x + r);
        across[base + x] =
            from / size == to / size
                ? (from % size == 0 ? forward[to] : backward[from])
                : pick(backward[from], forward[to], max);
      }
    }
    float[] forwardRows = new float[in.length];
    float[] backwardRows = new float[in.length];
    for (int y = 0; y < height; y++) {
      int row = y * width;
      if (y % size == 0) {
        System.arraycopy(across, row, forwardRows, row, width);
      } else {
        for (int x = 0; x < width; x++) {
          forwardRows[row + x] = pick(forwardRows[row - width + x], across[row + x], max);
        }
      }
    }
    for (int y = height - 1; y >= 0; y--) {
      int row = y * width;
      if (y % size == size - 1 || y == height - 1) {
        System.arraycopy(across, row, backwardRows, row, width);
      } else {
        for (int x = 0; x < width; x++) {
          backwardRows[row + x] = pick(backwardRows[row + width + x], across[row + x], max);
        }
      }
    }
    float[] out = new float[in.length];
    for (int y = 0; y < height; y++) {
      int from = Math.max(0, y - r);
      int to = Math.min(height - 1, y + r);
      int row = y * width;
      if (from / size == to / size) {
        // Within one block: a prefix (from its start) or a suffix (to its end) of it.
        float[] source = from % size == 0 ? forwardRows : backwardRows;
        System.arraycopy(source, (from % size == 0 ? to : from) * width, out, row, width);
      } else {
        for (int x = 0; x < width; x++) {
          out[row + x] = pick(backwardRows[from * width + x], forwardRows[to * width + x], max);
        }
      }
    }
    return out;
  }

  private static float pick(float a, float b, boolean max) {
    return max ? Math.max(a, b) : Math.min(a, b);
  }

  /** The mean over the (2r+1)-square around each pixel, clipped at the edges. */
  static float[] blur(float[] in, int width, int height, int r) {
    float[] across = new float[in.length];
    for (int y = 0; y < height; y++) {
      double sum = 0;
      int base = y * width;
      for (int x = 0; x < Math.min(r, width); x++) {
        sum += in[base + x];
      }
      for (int x = 0; x < width; x++) {
        if (x + r < width) {
          sum += in[base + x + r];
        }
        if (x - r - 1 >= 0) {
          sum -= in[base + x - r - 1];
        }
        across[base + x] = (float) (sum / (Math.min(width - 1, x + r) - Math.max(0, x - r) + 1));
      }
    }
    // Down: a running sum of whole rows.
    float[] out = new float[in.length];
    double[] sum = new double[width];
    for (int y = 0; y < Math.min(r, height); y++) {
      for (int x = 0; x < width; x++) {
        sum[x] += across[y * width + x];
      }
    }
    for (int y = 0; y < height; y++) {
      if (y + r < height) {
        int add = (y + r) * width;
        for (int x = 0; x < width; x++) {
          sum[x] += across[add + x];
        }
      }
      if (y - r - 1 >= 0) {
        int drop = (y - r - 1) * width;
        for (int x = 0; x < width; x++) {
          sum[x] -= across[drop + x];
        }
      }
      float count = Math.min(height - 1, y + r) - Math.max(0, y - r) + 1;
      int row = y * width;
      for (int x = 0; x < width; x++) {
        out[row + x] = (float) (sum[x] / count);
      }
    }
    return out;
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
   * What is known of the writing before anything else: whether it is lighter than the paper, and
   * its stroke width.
   *
   * @param lightInk chalk on a board rather than ink on paper
   * @param stroke the usual width of a stroke, in pixels
   */
  record Probe(boolean lightInk, int stroke) {}

  /**
   * Looks at the writing. Each pixel is compared with the median of its part of the picture (a
   * quarter of it across), not with the whole picture, whose brightness a big shadow or a dark
   * table would decide. The ink is what stands out from its surroundings, in few pixels but far:
   * the side (lighter or darker) whose strongest pixels stand out further is the ink's. A stroke's
   * width is the median length of the runs of ink across and down (a run along a stroke is long,
   * across it short; the shorter half wins).
   */
  static Probe probe(GrayImage lightness) {
    int width = lightness.width();
    int height = lightness.height();
    float[] v = lightness.values();
    // Big blocks: a block inside a thick stroke (a close-up of one digit) would take ink for paper.
    int block = Math.max(8, Math.min(width, height) / 4);
    int bw = (width + block - 1) / block;
    int bh = (height + block - 1) / block;
    float[] median = new float[bw * bh];
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
        int seen = 0;
        int level = 0;
        while (level < 255 && 2 * (seen + histogram[level]) < count) {
          seen += histogram[level++];
        }
        median[by * bw + bx] = (level + 0.5f) / 255f;
      }
    }
    float[] deviation = new float[v.length]; // positive: lighter than around it
    int[] darker = new int[256];
    int[] lighter = new int[256];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float d = v[y * width + x] - median[(y / block) * bw + x / block];
        deviation[y * width + x] = d;
        (d < 0 ? darker : lighter)[Math.min(255, (int) (Math.abs(d) * 255))]++;
      }
    }
    double strongestDark = percentile(darker, 0.999);
    double strongestLight = percentile(lighter, 0.999);
    // A dark table or a deep shadow makes a strong edge both ways; chalk is only taken for the
    // writing when the picture is mostly dark, as a board is.
    boolean lightInk = strongestLight > 1.2 * strongestDark && median(v) < 0.5f;
    // The stroke is measured against the paper's own level around it, not against the blocks'
    // medians: a shadow over a third of the picture is darker than its block's median everywhere,
    // and its runs would outnumber the writing's (a 95-pixel "stroke" in a photo of 6-pixel pen
    // lines). A closing over an eighth of the picture follows a shadow that wide, and still wipes
    // out any stroke narrower than a quarter of the picture (a marker close-up of one digit).
    float[] around = paperAround(v, width, height, lightInk);
    int[] inkward = new int[256];
    for (int i = 0; i < v.length; i++) {
      float d = lightInk ? v[i] - around[i] : around[i] - v[i];
      deviation[i] = lightInk ? d : -d;
      inkward[Math.max(0, Math.min(255, (int) (d * 255)))]++;
    }
    double threshold = Math.max(0.06, 0.5 * percentile(inkward, 0.999));
    int[] runs = new int[Math.max(width, height) + 1];
    int count = 0;
    for (int pass = 0; pass < 2; pass++) {
      boolean across = pass == 0;
      int lines = across ? height : width;
      int length = across ? width : height;
      for (int line = 0; line < lines; line++) {
        int run = 0;
        for (int i = 0; i <= length; i++) {
          boolean ink = false;
          if (i < length) {
            float d = deviation[across ? line * width + i : i * width + line];
            ink = lightInk ? d > threshold : -d > threshold;
          }
          if (ink) {
            run++;
          } else if (run > 0) {
            runs[run]++;
            count++;
            run = 0;
          }
        }
      }
    }
    // Runs of one pixel are left out: across a printed grid's hairlines every row and column
    // makes one, and they would outnumber the writing's. A one-pixel pencil line is then measured
    // as two, which sizes the stages just as well.
    count -= runs[1];
    int stroke = 2;
    int seen = 0;
    for (int run = 2; run < runs.length && count > 0; run++) {
      seen += runs[run];
      if (2 * seen >= count) {
        stroke = run;
        break;
      }
    }
    return new Probe(lightInk, stroke);
  }

  /**
   * The paper's level around each pixel: a closing (an opening for light ink) over a square of an
   * eighth of the picture's smaller side each way, computed on the picture shrunk to the means of
   * cells of a sixty-fourth of that side (so that the grain's brightest specks do not set the
   * paper's level, as a closing of the pixels themselves would let them), and spread back over the
   * cells.
   */
  static float[] paperAround(float[] v, int width, int height, boolean lightInk) {
    int radius = Math.max(2, Math.min(width, height) / 8);
    int cell = Math.max(1, radius / 8);
    int w = (width + cell - 1) / cell;
    int h = (height + cell - 1) / cell;
    float[] small = new float[w * h];
    int[] count = new int[w * h];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int c = (y / cell) * w + x / cell;
        small[c] += v[y * width + x];
        count[c]++;
      }
    }
    for (int c = 0; c < small.length; c++) {
      small[c] /= count[c];
    }
    int r = Math.max(1, radius / cell);
    small = extreme(extreme(small, w, h, r, !lightInk), w, h, r, lightInk);
    float[] out = new float[v.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out[y * width + x] = small[(y / cell) * w + x / cell];
      }
    }
    return out;
  }

  /** The value below which {@code fraction} of a histogram's counts lie, in [0, 1]. */
  private static double percentile(int[] histogram, double fraction) {
    long total = 0;
    for (int c : histogram) {
      total += c;
    }
    long seen = 0;
    for (int bin = 0; bin < histogram.length; bin++) {
      seen += histogram[bin];
      if (seen >= fraction * total) {
        return (bin + 0.5) / histogram.length;
      }
    }
    return 1;
  }

  /** The {@code fraction} percentile of values in [0, 1], from a 256-bin histogram. */
  static float percentileOf(float[] values, float fraction) {
    int[] histogram = new int[256];
    for (float v : values) {
      histogram[Math.max(0, Math.min(255, (int) (v * 255)))]++;
    }
    long seen = 0;
    for (int level = 0; level < 256; level++) {
      seen += histogram[level];
      if (seen >= fraction * values.length) {
        return (level + 0.5f) / 255f;
      }
    }
    return 1;
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
