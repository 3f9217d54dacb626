package dev.handwritten.mnist.photobench;

/**
 * How one reading of a photo compares with its ground truth; see {@link Scoring} for the rules.
 * Every true digit is counted once: {@code digits = right + misread + missed + split +
 * mergedDigits}.
 *
 * @param digits the true digits in the photo
 * @param right true digits found by exactly one read box, read as the right digit
 * @param misread true digits found by exactly one read box, read as another digit
 * @param missed true digits no read box covers or lies on
 * @param split true digits that two or more read boxes lie on
 * @param mergedDigits true digits inside a merged box
 * @param merged read boxes that cover two or more true digits
 * @param spurious read boxes that cover and lie on no true digit
 * @param exact whether the number read is the true number, every line in order
 */
public record Score(
    int digits,
    int right,
    int misread,
    int missed,
    int split,
    int mergedDigits,
    int merged,
    int spurious,
    boolean exact) {
  public Score {
    if (right + misread + missed + split + mergedDigits != digits) {
      throw new IllegalArgumentException(
          "Score: expected every digit counted once, got "
              + digits
              + " digits but right + misread + missed + split + merged = "
              + (right + misread + missed + split + mergedDigits));
    }
  }
}
