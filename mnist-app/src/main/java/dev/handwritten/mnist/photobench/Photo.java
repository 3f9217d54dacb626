package dev.handwritten.mnist.photobench;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One benchmark photo and its ground truth. Like every record with an array or image component, it
 * compares {@code picture} and {@code jpeg} by reference; compare {@link #lines()} for the truth.
 *
 * @param id e.g. {@code grid-paper-0007}: the condition and the photo's index in it
 * @param condition what makes it hard
 * @param difficulties the difficulties applied over the baseline: none for {@code clean}, the
 *     condition itself for most, two to four for {@code mix}
 * @param picture the photo as a reader gets it: decoded from {@code jpeg}, 8-bit RGB
 * @param jpeg the photo's JPEG file, as a phone would save it
 * @param lines the number written, line by line, top line first
 */
public record Photo(
    String id,
    Condition condition,
    List<Condition> difficulties,
    BufferedImage picture,
    byte[] jpeg,
    List<TruthLine> lines) {
  public Photo {
    difficulties = List.copyOf(difficulties);
    lines = List.copyOf(lines);
  }

  /**
   * The number written: each line's digits, lines separated by a space, as {@link
   * dev.handwritten.mnist.page.PageReading#number()} gives it.
   */
  public String number() {
    return String.join(" ", lines.stream().map(TruthLine::text).toList());
  }

  /** Every digit, line after line. */
  public List<TruthDigit> digits() {
    return lines.stream().flatMap(l -> l.digits().stream()).toList();
  }

  @Override
  public String toString() {
    return "Photo["
        + id
        + ", "
        + picture.getWidth()
        + " x "
        + picture.getHeight()
        + ", number "
        + number()
        + "]";
  }
}
