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

  /** The narrowest piece, a 1's stem, and the widest, as fractions of the glyph's height. */
  static final double NARROWEST = 0.15;

  static final double WIDEST = 1.2;

  /** At most this many cuts are tried: the deepest minima of the profile. */
  static final int MAX_CUTS = 24;

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
      // Two digits written close can be no wider than one broad digit ("12" as wide as an 8):
      // the gate, which has seen pairs, then says so.
      Verdict verdict = whole.recognition().verdict();
      boolean pair = verdict.rejected() && verdict.kind() == Verdict.Kind.SEVERAL_DIGITS;
      if (!wide && !pair) {
        parts.add(whole);
        continue;
      }
      List<Part> split = split(glyph, box);
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
   * {@code box} of {@code glyph} as the row of digits that reads most surely: of every way to cut
   * it at minima of its vertical ink profile into pieces as wide as a digit can be (from a 1's stem
   * to a little wider than high), the one whose pieces' scores have the largest product. Dynamic
   * programming over the cuts, each piece read once: a row of seven touching digits is found as
   * seven, where cutting one digit at a time from a count guessed from the width misjudged the
   * count and left pieces of two digits that the gate refused.
   */
  private List<Part> split(Layout.Glyph glyph, Box box) {
    int height = box.height();
    int narrowest = Math.max(2, (int) Math.round(NARROWEST * height));
    int widest = (int) Math.round(WIDEST * height);
    List<Integer> cuts = new ArrayList<>(List.of(0));
    cuts.addAll(minima(profile(glyph, box), narrowest, MAX_CUTS).stream().sorted().toList());
    cuts.add(box.width());
    int n = cuts.size();
    // best[j]: the log of the largest product of scores of pieces that end at cut j.
    double[] best = new double[n];
    int[] previous = new int[n];
    Part[] last = new Part[n];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    best[0] = 0;
    for (int j = 1; j < n; j++) {
      for (int i = j - 1; i >= 0; i--) {
        int width = cuts.get(j) - cuts.get(i);
        if (width > widest) {
          break;
        }
        if (width < narrowest || best[i] == Double.NEGATIVE_INFINITY) {
          continue;
        }
        Part piece = recognize(glyph, new Box(box.x() + cuts.get(i), box.y(), width, box.height()));
        if (piece == null) {
          continue;
        }
        double total = best[i] + Math.log(Math.max(piece.score(), 1e-9));
        if (total > best[j]) {
          best[j] = total;
          previous[j] = i;
          last[j] = piece;
        }
      }
    }
    if (best[n - 1] == Double.NEGATIVE_INFINITY) {
      return List.of();
    }
    List<Part> parts = new ArrayList<>();
    for (int j = n - 1; j > 0; j = previous[j]) {
      parts.addFirst(last[j]);
    }
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
   * Where a cut may go: the columns where the profile, smoothed over three columns, has a local
   * minimum (a valley between two strokes, or a flat stretch of one thin stroke), deepest first, at
   * most {@code most} of them and never two closer than {@code apart} columns, the glyph's own
   * first and last {@code apart} columns excluded.
   */
  static List<Integer> minima(int[] profile, int apart, int most) {
    double[] smooth = new double[profile.length];
    for (int i = 0; i < profile.length; i++) {
      int a = Math.max(0, i - 1);
      int b = Math.min(profile.length - 1, i + 1);
      smooth[i] = (profile[a] + profile[i] + profile[b]) / 3.0;
    }
    List<Integer> columns = new ArrayList<>();
    for (int i = Math.max(1, apart); i < profile.length - Math.max(1, apart); i++) {
      boolean valley = smooth[i] <= smooth[i - 1] && smooth[i] <= smooth[i + 1];
      if (valley) {
        columns.add(i);
      }
    }
    columns.sort(Comparator.comparingDouble((Integer i) -> smooth[i]));
    List<Integer> chosen = new ArrayList<>();
    for (int c : columns) {
      boolean far = true;
      for (int other : chosen) {
        far &= Math.abs(other - c) >= apart;
      }
      if (far) {
        chosen.add(c);
      }
      if (chosen.size() == most) {
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
