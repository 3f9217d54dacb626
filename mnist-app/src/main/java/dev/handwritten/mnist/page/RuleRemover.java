package dev.handwritten.mnist.page;

/**
 * Stage 3 of reading a page: removes the printed lines of ruled and squared paper, and the page's
 * edges, which the binarizer keeps as ink.
 *
 * <p>A line is a run of ink, across or down, at least half as long as the picture is wide (or
 * high): printed lines cross the page, and no digit's stroke comes near that, even in a close-up of
 * one digit. Small gaps are bridged, since a faint printed line breaks up. Its pixels are removed
 * except where a stroke crosses it: there the ink runs on beyond the line's own thickness in the
 * other direction, and is kept, so a 4 written across a ruled line keeps its stem.
 */
final class RuleRemover {
  private RuleRemover() {}

  /**
   * The ink without the lines.
   *
   * @param mask the ink
   * @param faint every faint mark: lines are looked for here, where a printed line shows whole even
   *     if only pieces of it touch the strokes kept in {@code mask}
   */
  static InkMask remove(InkMask mask, InkMask faint, int stroke) {
    int width = mask.width();
    int height = mask.height();
    boolean[] ink = mask.ink();
    int gap = Math.max(2, Math.min(width, height) / 200);
    int longest = Math.max(40, 20 * stroke); // a digit is about 8 strokes high
    boolean[] horizontal =
        lines(faint.ink(), width, height, true, Math.max(longest, width / 2), gap);
    boolean[] vertical =
        lines(faint.ink(), width, height, false, Math.max(longest, height / 2), gap);
    int thickH = typicalThickness(horizontal, runLengths(faint.ink(), width, height, false));
    int thickV = typicalThickness(vertical, runLengths(faint.ink(), width, height, true));
    // A stroke crossing a line is measured without the lines of the other direction, so that
    // where two printed lines cross (squared paper) neither protects the other.
    int[] down = runLengths(without(ink, vertical), width, height, false);
    int[] across = runLengths(without(ink, horizontal), width, height, true);
    boolean[] out = ink.clone();
    for (int i = 0; i < ink.length; i++) {
      if (horizontal[i] && down[i] <= thickH + 1 || vertical[i] && across[i] <= thickV + 1) {
        out[i] = false;
      }
    }
    return new InkMask(out, width, height);
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
        boolean on = i < length && ink[index(line, i, width, across)];
        if (on && start < 0) {
          start = i;
        } else if (!on && start >= 0) {
          for (int j = start; j < i; j++) {
            out[index(line, j, width, across)] = i - start;
          }
          start = -1;
        }
      }
    }
    return out;
  }

  /** The pixels of runs at least {@code minLength} long, gaps up to {@code gap} bridged. */
  private static boolean[] lines(
      boolean[] ink, int width, int height, boolean across, int minLength, int gap) {
    boolean[] out = new boolean[ink.length];
    int lines = across ? height : width;
    int length = across ? width : height;
    for (int line = 0; line < lines; line++) {
      int start = -1;
      int lastInk = -1;
      for (int i = 0; i <= length; i++) {
        boolean on = i < length && ink[index(line, i, width, across)];
        if (on) {
          if (start < 0 || i - lastInk > gap + 1) {
            mark(out, ink, line, start, lastInk, minLength, width, across);
            start = i;
          }
          lastInk = i;
        }
      }
      mark(out, ink, line, start, lastInk, minLength, width, across);
    }
    return out;
  }

  private static void mark(
      boolean[] out,
      boolean[] ink,
      int line,
      int start,
      int end,
      int minLength,
      int width,
      boolean across) {
    if (start >= 0 && end - start + 1 >= minLength) {
      for (int j = start; j <= end; j++) {
        int p = index(line, j, width, across);
        out[p] = ink[p];
      }
    }
  }

  /** The usual thickness of the lines found: the median run across them, in pixels. */
  private static int typicalThickness(boolean[] line, int[] crossRuns) {
    int[] histogram = new int[64];
    int n = 0;
    for (int i = 0; i < line.length; i++) {
      if (line[i]) {
        histogram[Math.min(63, crossRuns[i])]++;
        n++;
      }
    }
    int seen = 0;
    for (int t = 0; t < 64; t++) {
      seen += histogram[t];
      if (n > 0 && seen * 2 >= n) {
        return t;
      }
    }
    return 1;
  }

  private static int index(int line, int i, int width, boolean across) {
    return across ? line * width + i : i * width + line;
  }
}
