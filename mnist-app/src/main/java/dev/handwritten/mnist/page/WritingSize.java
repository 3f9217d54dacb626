package dev.handwritten.mnist.page;

import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 7 of reading a page: the writing's size. The digits of one number are about the same
 * height, while the grain of a wooden table beyond the sheet, a speck of dirt or what is left of a
 * printed line can each be cut into a few pixels that the classifier, which never sees the page,
 * reads as a confident "1". A mark the classifier accepted that is much shorter than the page's
 * digits is therefore reported as a stray stroke, not a digit.
 *
 * <p>The page's digit height is a high quantile of the accepted marks' heights, not the tallest
 * (one long stroke read as a "1" would set it) nor the median (a table full of specks would).
 */
final class WritingSize {
  /** An accepted mark shorter than this fraction of the page's digit height is a stray stroke. */
  static final double SHORTEST = 0.45;

  /** The quantile of the accepted marks' heights taken for the page's digit height. */
  static final double QUANTILE = 2.0 / 3;

  private WritingSize() {}

  /** The lines with every accepted mark far shorter than the writing rejected as a stray stroke. */
  static List<ReadLine> rejectStrayMarks(List<ReadLine> lines) {
    double shortest = SHORTEST * digitHeight(lines);
    List<ReadLine> out = new ArrayList<>(lines.size());
    for (ReadLine line : lines) {
      List<ReadDigit> digits = new ArrayList<>(line.digits().size());
      for (ReadDigit d : line.digits()) {
        digits.add(!d.rejected() && d.box().height() < shortest ? stray(d) : d);
      }
      out.add(new ReadLine(digits));
    }
    return out;
  }

  /**
   * The page's digit height: the {@link #QUANTILE} of all accepted marks' heights, or the median
   * height of a line of several accepted marks if one is taller (ten specks of a table read as
   * "1111111111" outnumber the "880" written on the sheet, but not its line); 0 with fewer than two
   * accepted marks.
   */
  static double digitHeight(List<ReadLine> lines) {
    int[] all = heights(lines.stream().flatMap(line -> line.digits().stream()).toList());
    if (all.length < 2) {
      return 0;
    }
    double height = all[(int) Math.floor(QUANTILE * (all.length - 1))];
    for (ReadLine line : lines) {
      int[] own = heights(line.digits());
      if (own.length >= 2) {
        height = Math.max(height, own[own.length / 2]);
      }
    }
    return height;
  }

  /** The accepted marks' heights, sorted. */
  private static int[] heights(List<ReadDigit> digits) {
    return digits.stream()
        .filter(d -> !d.rejected())
        .mapToInt(d -> d.box().height())
        .sorted()
        .toArray();
  }

  private static ReadDigit stray(ReadDigit d) {
    Recognition r = d.recognition();
    Verdict gate = r.verdict();
    Verdict small = new Verdict(true, Verdict.Kind.SCRIBBLE, 0f, gate.threshold());
    return new ReadDigit(d.box(), new Recognition(r.input(), r.probabilities(), small));
  }
}
