package dev.handwritten.mnist.photobench;

import java.util.Arrays;
import java.util.List;

/**
 * What makes a benchmark photo hard: each condition turns one difficulty on, over a baseline of
 * ordinary phone photos (white paper, dark ballpoint, soft daylight, a slight blur, a little noise,
 * JPEG at phone quality, the phone held almost straight). {@link #MIX} draws several at once.
 */
public enum Condition {
  CLEAN("clean", "the baseline: plain paper, black or blue ballpoint, soft daylight"),
  GRID_PAPER("grid-paper", "squared paper, its grid about a digit's height apart"),
  RULED_PAPER("ruled-paper", "ruled paper: digits written on the lines, often a red margin"),
  PAGE_EDGE("page-edge", "the sheet's edge in the frame, the table around it"),
  SHADOW("shadow", "the shadow of a phone or a hand across the number, strong uneven light"),
  PENCIL_THIN("pencil-thin", "grey pencil with graphite grain, strokes thinned to 1-4 pixels"),
  MARKER_THICK("marker-thick", "felt marker, strokes thickened to a sixth of the digit's height"),
  BLUE_INK("blue-ink", "blue ballpoint and fountain-pen ink, some of it light"),
  RED_INK("red-ink", "red ink"),
  BLUR("blur", "out of focus"),
  NOISE("noise", "dim light: strong sensor noise"),
  JPEG_LOW("jpeg-low", "JPEG at quality 8-30%"),
  ROTATED("rotated", "the phone held askew: 4-12 degrees"),
  PERSPECTIVE("perspective", "taken at an angle: the paper seen in perspective"),
  TOUCHING("touching", "neighbours written so close that their boxes overlap by a few pixels"),
  MULTI_LINE("multi-line", "a sheet with 2 to 4 lines of numbers"),
  MIX("mix", "two to four of the difficulties above at once");

  private final String id;
  private final String description;

  Condition(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name used in tables, file names and on the command line, e.g. {@code grid-paper}. */
  public String id() {
    return id;
  }

  /** One line saying what the condition's photos show. */
  public String description() {
    return description;
  }

  /**
   * The condition named {@code id}.
   *
   * @throws IllegalArgumentException naming the known conditions when there is none of that name
   */
  public static Condition of(String id) {
    for (Condition c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "expected a condition among "
            + String.join(", ", Arrays.stream(values()).map(Condition::id).toList())
            + ", got '"
            + id
            + "'");
  }

  /** Every condition, in table order. */
  public static List<Condition> all() {
    return List.of(values());
  }

  @Override
  public String toString() {
    return id;
  }
}
