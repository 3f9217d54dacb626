package dev.handwritten.mnist.photobench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.mnist.page.Box;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.ReadDigit;
import dev.handwritten.mnist.page.ReadLine;
import dev.handwritten.mnist.recognize.Recognition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scoring on hand-made readings of "2024": four digits 40 x 60 pixels, 20 pixels apart, at x = 100,
 * 160, 220, 280 and y = 50.
 */
class ScoringTest {
  private static final List<TruthDigit> TRUTH =
      List.of(truth(2, 100), truth(0, 160), truth(2, 220), truth(4, 280));

  private static TruthDigit truth(int label, int x) {
    return new TruthDigit(label, new Box(x, 50, 40, 60), 0);
  }

  /** A read digit with all its probability on {@code digit}. */
  private static ReadDigit read(int digit, Box box) {
    float[] p = new float[10];
    p[digit] = 1;
    return new ReadDigit(box, new Recognition(new float[784], p));
  }

  private static ReadDigit read(int digit, int x) {
    return read(digit, new Box(x, 50, 40, 60));
  }

  private static Score score(ReadDigit... digits) {
    return Scoring.score(TRUTH, "2024", reading(List.of(List.of(digits))));
  }

  private static PageReading reading(List<List<ReadDigit>> lines) {
    List<ReadLine> out = new ArrayList<>();
    for (List<ReadDigit> line : lines) {
      out.add(new ReadLine(line));
    }
    return new PageReading(1200, 900, out);
  }

  @Test
  void aPerfectReading_getsEveryDigitRight_andTheNumber() {
    Score s = score(read(2, 100), read(0, 160), read(2, 220), read(4, 280));
    assertEquals(new Score(4, 4, 0, 0, 0, 0, 0, 0, true), s);
  }

  @Test
  void boxesALittleLooserOrTighter_stillCount() {
    // 2 pixels more on every side; then 4 pixels less; then the 2's top half only, 40 x 30.
    Score s =
        score(
            read(2, new Box(98, 48, 44, 64)),
            read(0, new Box(164, 54, 32, 52)),
            read(2, new Box(220, 50, 40, 30)),
            read(4, 280));
    assertEquals(new Score(4, 4, 0, 0, 0, 0, 0, 0, true), s);
  }

  @Test
  void aMissedDigit_isMissed_andTheNumberWrong() {
    Score s = score(read(2, 100), read(2, 220), read(4, 280));
    assertEquals(new Score(4, 3, 0, 1, 0, 0, 0, 0, false), s);
  }

  @Test
  void twoDigitsInOneBox_areOneMergedBox_andTwoMergedDigits() {
    // One box over "0" and "2": x 160 to 260.
    Score s = score(read(2, 100), read(0, new Box(160, 50, 100, 60)), read(4, 280));
    assertEquals(new Score(4, 2, 0, 0, 0, 2, 1, 0, false), s);
  }

  @Test
  void aDigitReadAsTwo_isSplit() {
    // The "4" as its left and right halves, read as 4 and 1: the reading says 20241.
    Score s =
        score(
            read(2, 100),
            read(0, 160),
            read(2, 220),
            read(4, new Box(280, 50, 20, 60)),
            read(1, new Box(300, 50, 20, 60)));
    assertEquals(new Score(4, 3, 0, 0, 1, 0, 0, 0, false), s);
  }

  @Test
  void aBoxOnNoDigit_isSpurious_andTheNumberWrong() {
    // A speck of grid line at x = 500 read as a 1: "20241".
    Score s =
        score(
            read(2, 100),
            read(0, 160),
            read(2, 220),
            read(4, 280),
            read(1, new Box(500, 60, 10, 10)));
    assertEquals(new Score(4, 4, 0, 0, 0, 0, 0, 1, false), s);
  }

  @Test
  void aWrongDigit_isMisread() {
    Score s = score(read(2, 100), read(6, 160), read(2, 220), read(4, 280));
    assertEquals(new Score(4, 3, 1, 0, 0, 0, 0, 0, false), s);
  }

  @Test
  void aBoxThatOnlyGrazesADigit_doesNotMatchIt() {
    // A box 10 pixels into the "0" (a quarter of it) and otherwise on paper: spurious, and the 0
    // missed. The number is text: "2024" read in the right order is an exact match all the same.
    Score s = score(read(2, 100), read(0, new Box(130, 50, 40, 60)), read(2, 220), read(4, 280));
    assertEquals(new Score(4, 3, 0, 1, 0, 0, 0, 1, true), s);
  }

  @Test
  void aTouchingNeighbour_overlappingANarrowOne_isNotAMerge() {
    // A "1" 10 pixels wide whose neighbour's box overlaps it by 3 pixels (30%).
    List<TruthDigit> truth =
        List.of(
            new TruthDigit(1, new Box(100, 50, 10, 60), 0),
            new TruthDigit(8, new Box(107, 50, 40, 60), 0));
    PageReading reading =
        reading(
            List.of(List.of(read(1, new Box(100, 50, 10, 60)), read(8, new Box(107, 50, 40, 60)))));
    assertEquals(new Score(2, 2, 0, 0, 0, 0, 0, 0, true), Scoring.score(truth, "18", reading));
  }

  @Test
  void theWholePictureAsOneDigit_mergesEveryDigit() {
    // Today's first PageReader: one box, the whole picture.
    Score s = score(read(2, new Box(0, 0, 1200, 900)));
    assertEquals(new Score(4, 0, 0, 0, 0, 4, 1, 0, false), s);
  }

  @Test
  void nothingRead_missesEveryDigit() {
    Score s = Scoring.score(TRUTH, "2024", reading(List.of()));
    assertEquals(new Score(4, 0, 0, 4, 0, 0, 0, 0, false), s);
  }

  @Test
  void theNumber_comparesLinesInOrder() {
    // Two lines, "20" over "24": read as one line "2024", every digit is right, the number is not.
    List<TruthDigit> truth =
        List.of(
            truth(2, 100),
            truth(0, 160),
            new TruthDigit(2, new Box(100, 150, 40, 60), 0),
            new TruthDigit(4, new Box(160, 150, 40, 60), 0));
    ReadDigit[] read = {
      read(2, 100),
      read(0, 160),
      read(2, new Box(100, 150, 40, 60)),
      read(4, new Box(160, 150, 40, 60))
    };
    Score oneLine = Scoring.score(truth, "20 24", reading(List.of(List.of(read))));
    Score twoLines =
        Scoring.score(
            truth, "20 24", reading(List.of(List.of(read[0], read[1]), List.of(read[2], read[3]))));
    assertEquals(new Score(4, 4, 0, 0, 0, 0, 0, 0, false), oneLine);
    assertEquals(new Score(4, 4, 0, 0, 0, 0, 0, 0, true), twoLines);
  }

  @Test
  void tallies_addUp_andGiveTheRates() {
    Tally t =
        Tally.EMPTY
            .plus(new Score(4, 4, 0, 0, 0, 0, 0, 0, true), true, false)
            .plus(new Score(4, 2, 0, 0, 0, 2, 1, 0, false), true, false)
            .plus(new Score(3, 0, 0, 3, 0, 0, 0, 0, false), false, true);
    assertEquals(new Tally(3, 11, 6, 0, 3, 0, 2, 1, 0, 1, 2, 1, 1), t);
    assertEquals(6 / 11.0, t.digitAccuracy(), 1e-12);
    assertEquals(1 / 3.0, t.exactMatch(), 1e-12);
    assertEquals(0.5, t.fourDigitExactMatch(), 1e-12);
    assertEquals(Double.NaN, Tally.EMPTY.digitAccuracy());
  }

  @Test
  void aScoreThatDoesNotAddUp_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Score(4, 4, 1, 0, 0, 0, 0, 0, false));
    assertEquals(
        "Score: expected every digit counted once, got 4 digits but right + misread + missed +"
            + " split + merged = 5",
        e.getMessage());
  }
}
