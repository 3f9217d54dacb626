package dev.handwritten.mnist.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Specks far shorter than the writing, read as digits, are reported as stray strokes. */
class WritingSizeTest {
  @Test
  void aSpeckReadAsOne_besideTheNumber_isAStrayStroke() {
    // "2024" written 40 pixels high, and a 12-pixel speck of the table read as a sure 1.
    ReadLine number = line(digit(2, 40), digit(0, 38), digit(2, 41), digit(4, 40));
    ReadLine table = line(digit(1, 12));
    List<ReadLine> read = WritingSize.rejectStrayMarks(List.of(number, table));
    assertEquals("2024", read.get(0).text());
    assertEquals("", read.get(1).text());
    ReadDigit speck = read.get(1).digits().getFirst();
    assertEquals(
        "not a digit (looks like a scribble or stroke)", speck.recognition().verdict().reason());
    assertEquals(1, speck.recognition().digit(), "the classifier's answer is kept");
  }

  @Test
  void specksOutnumberingTheDigits_areStillStray_whenTheNumbersLineIsTaller() {
    // The grain of a wooden table cut into ten specks, beside "880" on the sheet.
    List<ReadDigit> grain = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      grain.add(digit(1, 10));
    }
    ReadLine number = line(digit(8, 36), digit(8, 35), digit(0, 34));
    List<ReadLine> read = WritingSize.rejectStrayMarks(List.of(number, new ReadLine(grain)));
    assertEquals("880", read.get(0).text());
    assertEquals("", read.get(1).text());
  }

  @Test
  void digitsOfOneNumber_somewhatSmallerThanOthers_areKept() {
    // Two lines, the second written a little more than half as high: all digits.
    ReadLine big = line(digit(3, 50), digit(1, 52), digit(4, 49));
    ReadLine small = line(digit(1, 28), digit(5, 27));
    List<ReadLine> read = WritingSize.rejectStrayMarks(List.of(big, small));
    assertEquals("314", read.get(0).text());
    assertEquals("15", read.get(1).text());
  }

  @Test
  void oneLongStrokeReadAsOne_doesNotSetTheWritingsSize() {
    // A 120-pixel stroke (the edge of the sheet) read as 1, beside a 30-pixel number.
    ReadLine number = line(digit(7, 30), digit(4, 31), digit(2, 29));
    ReadLine edge = line(digit(1, 120));
    List<ReadLine> read = WritingSize.rejectStrayMarks(List.of(number, edge));
    assertEquals("742", read.get(0).text());
  }

  @Test
  void aMarkTheGateRejected_neitherSetsTheSizeNorChanges() {
    ReadDigit scribble = rejected(digit(5, 200));
    ReadLine line = line(scribble, digit(6, 30), digit(9, 31));
    List<ReadLine> read = WritingSize.rejectStrayMarks(List.of(line));
    assertEquals("69", read.getFirst().text());
    assertEquals(scribble, read.getFirst().digits().getFirst());
  }

  @Test
  void aSingleDigit_isKept() {
    List<ReadLine> read = WritingSize.rejectStrayMarks(List.of(line(digit(0, 3))));
    assertEquals("0", read.getFirst().text());
  }

  private static ReadLine line(ReadDigit... digits) {
    return new ReadLine(List.of(digits));
  }

  /** A mark {@code height} pixels high, read as {@code value} at 99%. */
  private static ReadDigit digit(int value, int height) {
    float[] p = new float[10];
    java.util.Arrays.fill(p, 0.001f);
    p[value] = 0.991f;
    Verdict accepted = new Verdict(false, Verdict.Kind.DIGIT, 0.9f, 0.5f);
    return new ReadDigit(
        new Box(0, 0, height * 2 / 3, height), new Recognition(new float[784], p, accepted));
  }

  private static ReadDigit rejected(ReadDigit d) {
    Verdict no = new Verdict(true, Verdict.Kind.SCRIBBLE, 0.1f, 0.5f);
    Recognition r = d.recognition();
    return new ReadDigit(d.box(), new Recognition(r.input(), r.probabilities(), no));
  }
}
