package dev.handwritten.mnist.page;

import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.recognize.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stage 5 of reading a page, second half: decides where one digit ends and the next begins, where
 * geometry alone cannot, by asking the classifier. Two neighbouring glyphs that could be one digit
 * broken apart (a 4 whose stem does not touch its arm) are joined when the joined glyph reads more
 * surely than the weaker of the two; a glyph much wider than a digit (digits touching) is cut at a
 * minimum of its vertical ink profile (where the fewest ink pixels stand above one another), and of
 * the few deepest minima, the cut kept is the one whose two sides read most surely, if they read
 * more surely than the whole.
 */
final class Splitter {
  /** A glyph this much wider than it is high, and than the line's typical digit, may be several. */
  static final double WIDE_ASPECT = 1.0;

  static final double WIDER_THAN_TYPICAL = 1.5;

  /** A glyph this much wider than a typical digit, or than it is high, is taken for several. */
  static final double SEVERAL_TYPICAL = 2.0;

  static final double SEVERAL_ASPECT = 1.6;

  /** A digit read at least this surely is taken to be whole. */
  static final double SURE = 0.9;

  /** How many of the deepest minima of the ink profile are tried as cuts. */
  static final int CANDIDATES = 4;

  private final Recognizer recognizer;
  private final GrayImage strength;
  private final int[] labels;

  /**
   * A digit found: where (in the working image) and what.
   *
   * @param box around its ink
   * @param recognition the recognizer's answer for it
   */
  record Part(Box box, Recognition recognition) {
    /**
     * How surely this reads as one digit: the classifier's probability, scaled down by the gate's
     * score when the gate rejects it (two digits in one box, a fragment, a stray mark), so that the
     * splitting and joining prefer cuts whose parts the gate takes for digits.
     */
    double score() {
      Verdict v = recognition.verdict();
      return v.rejected() ? recognition.probability() * v.score() : recognition.probability();
    }
  }

  Splitter(Recognizer recognizer, GrayImage strength, int[] labels) {
    this.recognizer = recognizer;
    this.strength = strength;
    this.labels = labels;
  }

  /** The line's digits, left to right: broken ones joined, touching ones split. */
  List<Part> digits(Layout.Line line) {
    int lineHeight = line.height();
    List<Layout.Glyph> glyphs = join(new ArrayList<>(line.glyphs()), lineHeight);
    double typical = typicalWidth(glyphs, lineHeight);
    List<Part> parts = new ArrayList<>();
    for (Layout.Glyph glyph : glyphs) {
      Box box = glyph.box();
      Part whole = recognize(glyph, box);
      if (whole == null) {
        continue;
      }
      boolean wide =
          box.width() > WIDE_ASPECT * box.height() && box.width() > WIDER_THAN_TYPICAL * typical;
      if (!wide) {
        parts.add(whole);
        continue;
      }
      int count = (int) Math.max(2, Math.min(8, Math.round(box.width() / typical)));
      List<Part> split = split(glyph, box, count);
      double splitScore = split.stream().mapToDouble(Part::score).min().orElse(0);
      // The classifier is often sure of a single digit in two touching ones ("12" read as 2 at
      // 100%): a glyph this much wider than its neighbours, or than it is high, is taken apart
      // whatever the whole reads as; narrower ones only when the parts read more surely.
      boolean several =
          box.width() >= SEVERAL_TYPICAL * typical || box.width() >= SEVERAL_ASPECT * box.height();
      parts.addAll(
          split.size() > 1 && (several || splitScore > whole.score()) ? split : List.of(whole));
    }
    return parts;
  }

  /**
   * Joins neighbours that read better as one: two glyphs close together, not wider together than
   * the line is high, at least one of which reads unsurely alone (two clear digits side by side are
   * left alone, however they read together).
   */
  private List<Layout.Glyph> join(List<Layout.Glyph> glyphs, int lineHeight) {
    for (int i = 0; i + 1 < glyphs.size(); i++) {
      Layout.Glyph a = glyphs.get(i);
      Layout.Glyph b = glyphs.get(i + 1);
      int gap = b.box().x() - a.box().right();
      Layout.Glyph joined = a.join(b);
      if (gap > 0.2 * lineHeight || joined.box().width() > 1.1 * lineHeight) {
        continue;
      }
      Part first = recognize(a, a.box());
      Part second = recognize(b, b.box());
      double apart =
          Math.min(first == null ? 0 : first.score(), second == null ? 0 : second.score());
      if (apart >= SURE) {
        continue;
      }
      Part both = recognize(joined, joined.box());
      if (both != null && both.score() > apart) {
        glyphs.set(i, joined);
        glyphs.remove(i + 1);
        i--; // the joined glyph may join its next neighbour too
      }
    }
    return glyphs;
  }

  /**
   * The typical width of one digit in the line: the median width of its glyphs that look like one
   * digit (between 0.45 and 1.0 times as wide as high: not a 1, not several); 0.7 line heights if
   * there is none.
   */
  static double typicalWidth(List<Layout.Glyph> glyphs, int lineHeight) {
    List<Integer> widths = new ArrayList<>();
    for (Layout.Glyph g : glyphs) {
      double aspect = g.box().width() / (double) g.box().height();
      if (aspect >= 0.45 && aspect <= 1.0) {
        widths.add(g.box().width());
      }
    }
    if (widths.isEmpty()) {
      return 0.7 * lineHeight;
    }
    widths.sort(Comparator.naturalOrder());
    return widths.get(widths.size() / 2);
  }

  /**
   * {@code box} of {@code glyph} as {@code count} digits, the cuts chosen by the classifier, one at
   * a time from the left: of the candidate cuts for the first digit, the one whose first digit
   * (and, for the last cut, whose second one too) reads most surely.
   */
  private List<Part> split(Layout.Glyph glyph, Box box, int count) {
    if (count <= 1) {
      Part whole = recognize(glyph, box);
      return whole == null ? List.of() : List.of(whole);
    }
    int[] profile = profile(glyph, box);
    double share = box.width() / (double) count;
    int from = (int) Math.round(0.5 * share);
    int to = (int) Math.round(Math.min(box.width() - 0.3 * share, 1.5 * share));
    Part bestFirst = null;
    Part bestSecond = null;
    Box bestRest = null;
    double bestScore = -1;
    for (int cut : deepestMinima(profile, from, to)) {
      Box left = new Box(box.x(), box.y(), cut, box.height());
      Box right = new Box(box.x() + cut, box.y(), box.width() - cut, box.height());
      Part first = recognize(glyph, left);
      Part second = count == 2 ? recognize(glyph, right) : null;
      if (first == null || (count == 2 && second == null)) {
        continue;
      }
      double score = count == 2 ? Math.min(first.score(), second.score()) : first.score();
      if (score > bestScore) {
        bestScore = score;
        bestFirst = first;
        bestSecond = second;
        bestRest = right;
      }
    }
    if (bestFirst == null) {
      return split(glyph, box, 1);
    }
    List<Part> parts = new ArrayList<>(List.of(bestFirst));
    parts.addAll(count == 2 ? List.of(bestSecond) : split(glyph, bestRest, count - 1));
    return parts;
  }

  /** How many of the glyph's ink pixels stand in each column of {@code box}. */
  private int[] profile(Layout.Glyph glyph, Box box) {
    java.util.Set<Integer> own = new java.util.HashSet<>(glyph.labels());
    int[] profile = new int[box.width()];
    int width = strength.width();
    for (int y = box.y(); y < box.bottom(); y++) {
      for (int x = box.x(); x < box.right(); x++) {
        int label = labels[y * width + x];
        if (label >= 0 && own.contains(label)) {
          profile[x - box.x()]++;
        }
      }
    }
    return profile;
  }

  /**
   * The columns in [from, to) where the profile, smoothed over three columns, is lowest, deepest
   * first, at most CANDIDATES of them and never two within two columns of each other.
   */
  static List<Integer> deepestMinima(int[] profile, int from, int to) {
    from = Math.max(1, from);
    to = Math.min(profile.length - 1, Math.max(from + 1, to));
    double[] smooth = new double[profile.length];
    for (int i = 0; i < profile.length; i++) {
      int a = Math.max(0, i - 1);
      int b = Math.min(profile.length - 1, i + 1);
      smooth[i] = (profile[a] + profile[i] + profile[b]) / 3.0;
    }
    List<Integer> columns = new ArrayList<>();
    for (int i = from; i < to; i++) {
      columns.add(i);
    }
    columns.sort(Comparator.comparingDouble((Integer i) -> smooth[i]));
    List<Integer> chosen = new ArrayList<>();
    for (int c : columns) {
      boolean apart = true;
      for (int other : chosen) {
        apart &= Math.abs(other - c) > 2;
      }
      if (apart) {
        chosen.add(c);
      }
      if (chosen.size() == CANDIDATES) {
        break;
      }
    }
    return chosen;
  }

  /** The digit in {@code box} of the glyph, or null if the box holds none of its ink. */
  private Part recognize(Layout.Glyph glyph, Box box) {
    MnistCrop.Prepared crop = MnistCrop.prepare(strength, labels, glyph.labels(), box);
    return crop == null ? null : new Part(crop.inkBox(), recognizer.recognize(crop.input()));
  }
}
