package dev.handwritten.mnist.photobench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Counts over many photos (one condition's, or all), and the rates the table shows.
 *
 * @param pictures photos read
 * @param digits true digits in them
 * @param right true digits read right (see {@link Scoring})
 * @param misread true digits found but read as another digit
 * @param missed true digits not found
 * @param split true digits found as two or more
 * @param mergedDigits true digits found together with a neighbour in one box
 * @param merged read boxes holding two or more true digits
 * @param spurious read boxes on no true digit
 * @param exact photos whose whole number was read exactly
 * @param fourDigit photos of one 4-digit number
 * @param fourDigitExact of those, read exactly
 * @param failed photos on which the reader threw an exception (scored as reading nothing)
 */
public record Tally(
    int pictures,
    int digits,
    int right,
    int misread,
    int missed,
    int split,
    int mergedDigits,
    int merged,
    int spurious,
    int exact,
    int fourDigit,
    int fourDigitExact,
    int failed) {
  /** No photos yet. */
  public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** This tally with one more photo. */
  public Tally plus(Score s, boolean fourDigitNumber, boolean readerFailed) {
    return new Tally(
        pictures + 1,
        digits + s.digits(),
        right + s.right(),
        misread + s.misread(),
        missed + s.missed(),
        split + s.split(),
        mergedDigits + s.mergedDigits(),
        merged + s.merged(),
        spurious + s.spurious(),
        exact + (s.exact() ? 1 : 0),
        fourDigit + (fourDigitNumber ? 1 : 0),
        fourDigitExact + (fourDigitNumber && s.exact() ? 1 : 0),
        failed + (readerFailed ? 1 : 0));
  }

  /** The two tallies together. */
  public Tally plus(Tally o) {
    return new Tally(
        pictures + o.pictures,
        digits + o.digits,
        right + o.right,
        misread + o.misread,
        missed + o.missed,
        split + o.split,
        mergedDigits + o.mergedDigits,
        merged + o.merged,
        spurious + o.spurious,
        exact + o.exact,
        fourDigit + o.fourDigit,
        fourDigitExact + o.fourDigitExact,
        failed + o.failed);
  }

  /** Right digits over true digits; NaN with none. */
  @JsonProperty("digit_accuracy")
  public double digitAccuracy() {
    return ratio(right, digits);
  }

  /** Photos read exactly over photos; NaN with none. */
  @JsonProperty("exact_match")
  public double exactMatch() {
    return ratio(exact, pictures);
  }

  /** 4-digit photos read exactly over 4-digit photos; NaN with none. */
  @JsonProperty("four_digit_exact_match")
  public double fourDigitExactMatch() {
    return ratio(fourDigitExact, fourDigit);
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
