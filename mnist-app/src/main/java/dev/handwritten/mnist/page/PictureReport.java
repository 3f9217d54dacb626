package dev.handwritten.mnist.page;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mnist predict --json} prints for one picture, one object per line, and what the HTTP
 * API answers: the number read, each digit with its probability, all ten probabilities and its box,
 * the marks rejected as not digits, or the error that kept the picture from being read. Written
 * with {@link dev.handwritten.mnist.report.Json#LINES}, keys in {@code snake_case}.
 *
 * @param file the picture's name as given ({@code -} for standard input)
 * @param width the picture's width as shown, in pixels; null on error
 * @param height its height; null on error
 * @param number the digits read, lines separated by a space; null on error
 * @param digits every digit read, line after line, left to right; empty on error
 * @param rejected marks that were found but are not digits; empty on error
 * @param error why the picture could not be read, one line; null when it was read
 */
public record PictureReport(
    String file,
    Integer width,
    Integer height,
    String number,
    List<DigitReport> digits,
    List<Rejected> rejected,
    String error) {

  /**
   * One digit read.
   *
   * @param digit 0 to 9
   * @param probability how sure, in [0, 1]
   * @param box {@code [x, y, width, height]} in the picture's pixels
   * @param line which line of writing, from 1 at the top
   * @param probabilities all ten, digit 0 first
   */
  public record DigitReport(
      int digit, double probability, int[] box, int line, double[] probabilities) {}

  /**
   * A mark that is not read as a digit.
   *
   * @param box {@code [x, y, width, height]} in the picture's pixels
   * @param reason why, e.g. {@code not a digit (looks like a letter or symbol)}
   */
  public record Rejected(int[] box, String reason) {}

  /** The report of a picture that was read. */
  public static PictureReport of(String file, PageReading reading) {
    List<DigitReport> digits = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (int line = 0; line < reading.lines().size(); line++) {
      for (ReadDigit d : reading.lines().get(line).digits()) {
        if (d.rejected()) {
          rejected.add(new Rejected(array(d.box()), d.recognition().verdict().reason()));
          continue;
        }
        float[] p = d.recognition().probabilities();
        double[] all = new double[p.length];
        for (int k = 0; k < p.length; k++) {
          all[k] = round(p[k]);
        }
        digits.add(
            new DigitReport(
                d.recognition().digit(),
                round(d.recognition().probability()),
                array(d.box()),
                line + 1,
                all));
      }
    }
    return new PictureReport(
        file, reading.width(), reading.height(), reading.number(), digits, rejected, null);
  }

  /** The report of a picture that could not be read. */
  public static PictureReport failed(String file, String error) {
    return new PictureReport(file, null, null, null, List.of(), List.of(), error);
  }

  static int[] array(Box box) {
    return new int[] {box.x(), box.y(), box.width(), box.height()};
  }

  /** Six decimals: a float's probability holds no more, and the lines stay short. */
  private static double round(double p) {
    return Math.round(p * 1e6) / 1e6;
  }
}
