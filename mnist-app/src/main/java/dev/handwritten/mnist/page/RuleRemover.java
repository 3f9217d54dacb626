package dev.handwritten.mnist.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stage 3 of reading a page: removes the printed lines of ruled and squared paper, a margin line,
 * and the page's edges, which the binarizer keeps as ink.
 *
 * <p>A line is a straight band of faint marks, across or down, tilted by a few degrees at most (a
 * photo is rarely square to the paper), at least half as long as the picture is wide (or high) and
 * at least 20 strokes long (a digit is about eight): printed lines cross the page, and no digit's
 * stroke comes near that, even in a close-up of one digit. Lines are found with a Hough transform
 * restricted to those tilts, which does not mind the gaps of a faint printed line. Their pixels are
 * removed except where a stroke crosses: there the ink runs on beyond the line's own thickness in
 * the other direction, and is kept, so a 4 written across a ruled line keeps its stem.
 */
final class RuleRemover {
  /** The most a line may be tilted, in degrees: a photo is rarely square to the paper. */
  static final double MAX_TILT = 15;

  /** The coarse search for the page's tilt, in degrees apart. */
  static final double COARSE_STEP = 0.5;

  /** The fine search around it, in degrees apart, and how far either side. */
  static final double FINE_STEP = 0.1;

  static final double FINE_SPAN = 2;

  private RuleRemover() {}

  /**
   * A straight line across ({@code y = slope * x + offset}) or down ({@code x = slope * y +
   * offset}), {@code thickness} pixels thick.
   */
  record Line(boolean across, double slope, double offset, int thickness) {}

  /**
   * The ink without the lines.
   *
   * @param mask the ink
   * @param faint every faint mark: lines are looked for here, where a printed line shows whole even
   *     if only pieces of it touch the strokes kept in {@code mask}
   * @param stroke the writing's stroke width ({@link Lighting#probe})
   */
  static InkMask remove(InkMask mask, InkMask faint, int stroke) {
    int width = mask.width();
    int height = mask.height();
    boolean[] ink = mask.ink();
    int longest = Math.max(40, 20 * stroke); // a digit is about 8 strokes high
    List<Line> lines = new ArrayList<>();
    lines.addAll(find(faint, true, Math.max(longest, width / 2), stroke));
    lines.addAll(find(faint, false, Math.max(longest, height / 2), stroke));
    boolean[] horizontal = new boolean[ink.length];
    boolean[] vertical = new boolean[ink.length];
    int thickH = 1;
    int thickV = 1;
    for (Line line : lines) {
      mark(line, ink, width, height, line.across() ? horizontal : vertical);
      if (line.across()) {
        thickH = Math.max(thickH, line.thickness());
      } else {
        thickV = Math.max(thickV, line.thickness());
      }
    }
    // A stroke crossing a line is measured without the lines of the other direction, so that
    // where two printed lines cross (squared paper) neither protects the other.
    int[] down = runLengths(without(ink, vertical), width, height, false);
    int[] across = runLengths(without(ink, horizontal), width, height, true);
    boolean[] out = ink.clone();
    for (int i = 0; i < ink.length; i++) {
      if (horizontal[i] && down[i] <= thickH + 2 || vertical[i] && across[i] <= thickV + 2) {
        out[i] = false;
      }
    }
    dropRemnants(out, lines, width, height, stroke);
    return new InkMask(out, width, height);
  }

  /**
   * Drops what is left of a line: pieces of ink thin across it that lie wholly within a stroke's
   * width of it (a printed line bends a little, so its edges escape the straight band). A digit
   * crossing a line is much taller than that, and stays.
   */
  private static void dropRemnants(
      boolean[] ink, List<Line> lines, int width, int height, int stroke) {
    if (lines.isEmpty()) {
      return;
    }
    boolean[] nearAcross = new boolean[ink.length];
    boolean[] nearDown = new boolean[ink.length];
    int thickAcross = 1;
    int thickDown = 1;
    for (Line line : lines) {
      Line wide =
          new Line(line.across(), line.slope(), line.offset(), line.thickness() + 2 * stroke + 2);
      mark(wide, ink, width, height, line.across() ? nearAcross : nearDown);
      if (line.across()) {
        thickAcross = Math.max(thickAcross, line.thickness());
      } else {
        thickDown = Math.max(thickDown, line.thickness());
      }
    }
    Components pieces = Components.of(new InkMask(ink, width, height));
    int count = pieces.pieces().size();
    boolean[] withinAcross = new boolean[count];
    boolean[] withinDown = new boolean[count];
    java.util.Arrays.fill(withinAcross, true);
    java.util.Arrays.fill(withinDown, true);
    for (int i = 0; i < ink.length; i++) {
      if (ink[i]) {
        withinAcross[pieces.labels()[i]] &= nearAcross[i];
        withinDown[pieces.labels()[i]] &= nearDown[i];
      }
    }
    boolean[] remnant = new boolean[count];
    for (Components.Piece p : pieces.pieces()) {
      remnant[p.label()] =
          withinAcross[p.label()] && p.box().height() <= thickAcross + stroke
              || withinDown[p.label()] && p.box().width() <= thickDown + stroke;
    }
    for (int i = 0; i < ink.length; i++) {
      if (ink[i] && remnant[pieces.labels()[i]]) {
        ink[i] = false;
      }
    }
  }

  /**
   * The lines across ({@code across}) or down among the faint marks, at least {@code minLength}
   * pixels' worth of marks each. Only marks thin in the line's cross direction vote (a blob of ink
   * is not part of a printed line), each for every tilt it could lie on.
   */
  static List<Line> find(InkMask faint, boolean across, int minLength, int stroke) {
    int width = faint.width();
    int height = faint.height();
    boolean[] marks = faint.ink();
    int length = across ? width : height; // along the line
    int span = across ? height : width; // across the lines
    int[] runs = runLengths(marks, width, height, !across); // thickness across the line
    int thin = Math.max(3, 2 * stroke);
    // The lines of a page are parallel, or nearly (perspective): the page's tilt first, from a
    // coarse vote over every eighth position along the lines, then a fine one around it.
    double tilt = 0; // square to the picture, unless the marks say otherwise
    double best = 0;
    for (double t = -MAX_TILT; t <= MAX_TILT + 1e-9; t += COARSE_STEP) {
      int[] votes = vote(marks, runs, thin, width, height, across, new double[] {t}, 8);
      double score = 0;
      for (int v : votes) {
        score += (double) v * v;
      }
      if (score > best) {
        best = score;
        tilt = t;
      }
    }
    int tilts = (int) Math.round(2 * FINE_SPAN / FINE_STEP) + 1;
    double[] degrees = new double[tilts];
    double[] slopes = new double[tilts];
    for (int t = 0; t < tilts; t++) {
      degrees[t] = tilt - FINE_SPAN + t * FINE_STEP;
      slopes[t] = Math.tan(Math.toRadians(degrees[t]));
    }
    int margin = margin(length);
    int offsets = span + 2 * margin;
    // Every other position along the lines: half the votes, half the time, the same peaks.
    int[] votes = vote(marks, runs, thin, width, height, across, degrees, 2);
    minLength /= 2;
    List<int[]> peaks = new ArrayList<>(); // tilt, offset, votes
    for (int t = 0; t < tilts; t++) {
      for (int o = 0; o < offsets; o++) {
        int v = votes[t * offsets + o];
        if (v >= minLength
            && (o == 0 || votes[t * offsets + o - 1] <= v)
            && (o == offsets - 1 || votes[t * offsets + o + 1] < v)) {
          peaks.add(new int[] {t, o, v});
        }
      }
    }
    peaks.sort(Comparator.comparingInt((int[] p) -> -p[2]));
    List<Line> lines = new ArrayList<>();
    List<int[]> taken = new ArrayList<>(); // tilt, offset, thickness
    int widest = 4 * stroke + 4;
    for (int[] peak : peaks) {
      int t = peak[0];
      // As thick as the run of offsets around the peak with at least half its votes.
      int thickness = 1;
      for (int d = 1; d < widest; d++) {
        boolean wider = false;
        for (int o : new int[] {peak[1] - d, peak[1] + d}) {
          wider |= o >= 0 && o < offsets && votes[t * offsets + o] >= peak[2] / 2;
        }
        if (!wider) {
          break;
        }
        thickness += 2;
      }
      boolean separate = true;
      for (int[] other : taken) {
        // The same line seen at a neighbouring tilt or offset stays within both lines' thickness
        // of the other along the whole length; ruled lines a few pixels apart are separate.
        double a = Math.abs(offsetAt(peak, slopes, margin, 0) - offsetAt(other, slopes, margin, 0));
        double b =
            Math.abs(
                offsetAt(peak, slopes, margin, length) - offsetAt(other, slopes, margin, length));
        separate &= Math.max(a, b) > Math.max(3, (thickness + other[2]) / 2.0 + 1);
      }
      if (separate) {
        taken.add(new int[] {t, peak[1], thickness});
        lines.add(new Line(across, slopes[t], peak[1] - margin, thickness));
      }
    }
    return lines;
  }

  /** How far beyond the picture a line's offset may lie, at the steepest tilt. */
  private static int margin(int length) {
    return (int) Math.ceil(Math.tan(Math.toRadians(MAX_TILT + FINE_SPAN)) * length) + 1;
  }

  /**
   * The Hough votes: for each tilt (in degrees) and offset, how many marks, thin across the line,
   * lie on that line; every {@code step}-th position along the lines only, for a quick look (all
   * positions across them, or a thin line would be missed).
   *
   * @return {@code [tilt, offset]}, offsets shifted by {@link #margin}
   */
  private static int[] vote(
      boolean[] marks,
      int[] runs,
      int thin,
      int width,
      int height,
      boolean across,
      double[] degrees,
      int step) {
    int length = across ? width : height;
    int span = across ? height : width;
    int margin = margin(length);
    int offsets = span + 2 * margin;
    double[] slopes = new double[degrees.length];
    for (int t = 0; t < degrees.length; t++) {
      slopes[t] = Math.tan(Math.toRadians(degrees[t]));
    }
    int[] votes = new int[degrees.length * offsets];
    for (int y = 0; y < height; y += across ? 1 : step) {
      for (int x = 0; x < width; x += across ? step : 1) {
        int i = y * width + x;
        if (!marks[i] || runs[i] > thin) {
          continue;
        }
        int along = across ? x : y;
        int cross = across ? y : x;
        for (int t = 0; t < slopes.length; t++) {
          int offset = (int) Math.round(cross - slopes[t] * along) + margin;
          if (offset >= 0 && offset < offsets) {
            votes[t * offsets + offset]++;
          }
        }
      }
    }
    return votes;
  }

  /** Where a peak's line crosses position {@code along}, across the lines. */
  private static double offsetAt(int[] peak, double[] slopes, int margin, int along) {
    return peak[1] - margin + slopes[peak[0]] * along;
  }

  /** Marks the ink pixels within the line's band, half its thickness and a pixel either side. */
  private static void mark(Line line, boolean[] ink, int width, int height, boolean[] out) {
    int length = line.across() ? width : height;
    int span = line.across() ? height : width;
    int half = line.thickness() / 2 + 1;
    for (int along = 0; along < length; along++) {
      int centre = (int) Math.round(line.slope() * along + line.offset());
      for (int cross = Math.max(0, centre - half);
          cross <= Math.min(span - 1, centre + half);
          cross++) {
        int i = line.across() ? cross * width + along : along * width + cross;
        out[i] |= ink[i];
      }
    }
  }

  private static boolean[] without(boolean[] ink, boolean[] lines) {
    boolean[] out = new boolean[ink.length];
    for (int i = 0; i < ink.length; i++) {
      out[i] = ink[i] && !lines[i];
    }
    return out;
  }

  /** Each pixel's length of unbroken ink across ({@code across}) or down through it; 0 off ink. */
  static int[] runLengths(boolean[] ink, int width, int height, boolean across) {
    int[] out = new int[ink.length];
    int lines = across ? height : width;
    int length = across ? width : height;
    for (int line = 0; line < lines; line++) {
      int start = -1;
      for (int i = 0; i <= length; i++) {
        boolean on = i < length && ink[across ? line * width + i : i * width + line];
        if (on && start < 0) {
          start = i;
        } else if (!on && start >= 0) {
          for (int j = start; j < i; j++) {
            out[across ? line * width + j : j * width + line] = i - start;
          }
          start = -1;
        }
      }
    }
    return out;
  }
}
