package dev.handwritten.mnist.page;

import java.util.List;

/**
 * One line of writing, its marks from left to right.
 *
 * @param digits in reading order, digits and rejected marks alike
 */
public record ReadLine(List<ReadDigit> digits) {
  public ReadLine {
    digits = List.copyOf(digits);
  }

  /** The line's digits as text, for example {@code "2024"}; rejected marks left out. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (ReadDigit d : digits) {
      if (!d.rejected()) {
        out.append(d.recognition().digit());
      }
    }
    return out.toString();
  }
}
