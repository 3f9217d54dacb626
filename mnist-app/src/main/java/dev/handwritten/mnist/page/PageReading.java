package dev.handwritten.mnist.page;

import java.util.List;

/**
 * Everything read from one picture: its lines of writing, each mark in them either a digit or a
 * mark the rejection gate found is not one (a letter, a scribble, a stray stroke).
 *
 * @param width the picture's width, as shown
 * @param height the picture's height, as shown
 * @param lines the lines of writing, top to bottom; empty when nothing was found
 */
public record PageReading(int width, int height, List<ReadLine> lines) {
  public PageReading {
    lines = List.copyOf(lines);
  }

  /**
   * The number read: each line's digits, lines separated by a space (a line of rejected marks only
   * left out); empty if there are none.
   */
  public String number() {
    return String.join(
        " ", lines.stream().map(ReadLine::text).filter(text -> !text.isEmpty()).toList());
  }

  /** Every digit, line after line, left to right; rejected marks left out. */
  public List<ReadDigit> digits() {
    return lines.stream()
        .flatMap(line -> line.digits().stream())
        .filter(d -> !d.rejected())
        .toList();
  }

  /** Every mark the rejection gate found is not a digit, line after line. */
  public List<ReadDigit> rejected() {
    return lines.stream()
        .flatMap(line -> line.digits().stream())
        .filter(ReadDigit::rejected)
        .toList();
  }
}
