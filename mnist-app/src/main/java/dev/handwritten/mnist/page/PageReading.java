package dev.handwritten.mnist.page;

import java.util.List;

/**
 * Everything read from one picture.
 *
 * @param width the picture's width, as shown
 * @param height the picture's height, as shown
 * @param lines the lines of writing, top to bottom; empty when nothing was found
 */
public record PageReading(int width, int height, List<ReadLine> lines) {
  public PageReading {
    lines = List.copyOf(lines);
  }

  /** The number read: each line's digits, lines separated by a space; empty if none. */
  public String number() {
    return String.join(" ", lines.stream().map(ReadLine::text).toList());
  }

  /** Every digit, line after line. */
  public List<ReadDigit> digits() {
    return lines.stream().flatMap(line -> line.digits().stream()).toList();
  }
}
