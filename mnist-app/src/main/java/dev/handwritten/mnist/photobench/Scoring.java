package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.page.Box;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.ReadDigit;
import java.util.List;

/**
 * Scores a reading against a photo's ground truth, box by box.
 *
 * <p>The rules, for a read box R and a true digit's box G, with {@code overlap} the area they
 * share:
 *
 * <ul>
 *   <li>R <em>covers</em> G when the overlap is at least half of G;
 *   <li>R <em>matches</em> G when the overlap is at least half of the smaller of the two boxes: R
 *       covers G, or R lies mostly inside G (a part of it);
 *   <li>a read box that covers two or more true digits is <em>merged</em>, and those digits count
 *       as merged;
 *   <li>every other read box belongs to the true digit it matches best (the largest share of the
 *       smaller box, then the largest overlap, then the first), or, matching none, is
 *       <em>spurious</em>;
 *   <li>a true digit to which no box belongs is <em>missed</em>, one to which two or more belong is
 *       <em>split</em>, and one to which exactly one belongs is <em>right</em> when that box was
 *       read as its digit and <em>misread</em> otherwise.
 * </ul>
 *
 * <p>A merged digit is neither missed nor split, whatever other boxes lie on it. The exact match
 * compares the number as text: {@link PageReading#number()} against {@link Photo#number()}.
 */
public final class Scoring {
  /* Design notes: "half of the smaller box" lets a read box be a little looser or tighter than the
   * true one and still belong to it; a touching neighbour's box overlaps a true box by at most 30%
   * of the narrower digit's width (TextBlock keeps it so), so it never matches the neighbour. */

  private Scoring() {}

  /** Scores {@code reading} against {@code photo}'s ground truth. */
  public static Score score(Photo photo, PageReading reading) {
    return score(photo.digits(), photo.number(), reading);
  }

  /**
   * Scores {@code reading} against true digits and the true number.
   *
   * @param truth every true digit, line after line
   * @param number the true number, lines separated by a space
   */
  public static Score score(List<TruthDigit> truth, String number, PageReading reading) {
    List<ReadDigit> read = reading.digits();
    int[] owners = new int[truth.size()]; // read boxes belonging to each true digit
    int[] owner = new int[truth.size()]; // the last of them
    boolean[] merged = new boolean[truth.size()];
    int mergedBoxes = 0;
    int spurious = 0;
    for (int r = 0; r < read.size(); r++) {
      Box box = read.get(r).box();
      int covered = 0;
      for (TruthDigit t : truth) {
        covered += 2 * box.overlap(t.box()) >= area(t.box()) ? 1 : 0;
      }
      if (covered >= 2) {
        mergedBoxes++;
        for (int g = 0; g < truth.size(); g++) {
          merged[g] |= 2 * box.overlap(truth.get(g).box()) >= area(truth.get(g).box());
        }
        continue;
      }
      int best = bestMatch(box, truth);
      if (best < 0) {
        spurious++;
      } else {
        owners[best]++;
        owner[best] = r;
      }
    }
    int right = 0;
    int misread = 0;
    int missed = 0;
    int split = 0;
    int mergedDigits = 0;
    for (int g = 0; g < truth.size(); g++) {
      if (merged[g]) {
        mergedDigits++;
      } else if (owners[g] == 0) {
        missed++;
      } else if (owners[g] >= 2) {
        split++;
      } else if (read.get(owner[g]).recognition().digit() == truth.get(g).label()) {
        right++;
      } else {
        misread++;
      }
    }
    return new Score(
        truth.size(),
        right,
        misread,
        missed,
        split,
        mergedDigits,
        mergedBoxes,
        spurious,
        reading.number().equals(number));
  }

  /** The true digit {@code box} matches best, or -1 for none. */
  private static int bestMatch(Box box, List<TruthDigit> truth) {
    int best = -1;
    double bestShare = 0;
    long bestOverlap = 0;
    for (int g = 0; g < truth.size(); g++) {
      Box t = truth.get(g).box();
      long overlap = box.overlap(t);
      double share = (double) overlap / Math.min(area(box), area(t));
      if (share < 0.5) {
        continue;
      }
      if (best < 0 || share > bestShare || share == bestShare && overlap > bestOverlap) {
        best = g;
        bestShare = share;
        bestOverlap = overlap;
      }
    }
    return best;
  }

  private static long area(Box box) {
    return (long) box.width() * box.height();
  }
}
