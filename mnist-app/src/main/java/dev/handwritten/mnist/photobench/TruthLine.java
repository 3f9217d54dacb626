package dev.handwritten.mnist.photobench;

import java.util.List;

/**
 * One line of a benchmark photo's number, its digits left to right.
 *
 * @param digits at least one
 */
public record TruthLine(List<TruthDigit> digits) {
  public TruthLine {
    digits = List.copyOf(digits);
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("TruthLine: expected at least one digit, got none");
    }
  }

  /** The line's digits as text, e.g. {@code "2024"}. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (TruthDigit d : digits) {
      out.append(d.label());
    }
    return out.toString();
  }
}
