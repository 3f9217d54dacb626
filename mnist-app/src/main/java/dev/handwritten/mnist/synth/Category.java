package dev.handwritten.mnist.synth;

/** What a generated picture shows. */
public enum Category {
  /** An MNIST digit drawn on paper like a scan: a digit, the gate's positive. */
  DIGIT("MNIST digits drawn on paper", true),
  /** A digit from a font, drawn like the letters: a control, since it is a digit too. */
  FONT_DIGIT("digits from fonts", true),
  /** An upper or lower case Latin letter from a font, distorted like handwriting. */
  LETTER("letters", false),
  /** Punctuation, signs and symbols from a font. */
  SYMBOL("symbols", false),
  /** Random pen strokes: tangles, coils, zigzags, crossings-out. */
  SCRIBBLE("scribbles", false),
  /** A piece of a stroke: a short line, an arc, dots, a tick. */
  FRAGMENT("fragments of strokes", false),
  /** Paper with specks, grain or a smudge, and nothing written. */
  BLANK("blank or near-blank paper", false),
  /** Two MNIST digits side by side in one box. */
  TWO_DIGITS("two digits in one box", false);

  private final String description;
  private final boolean digit;

  Category(String description, boolean digit) {
    this.description = description;
    this.digit = digit;
  }

  /** For example {@code "two digits in one box"}. */
  public String description() {
    return description;
  }

  /** Whether the picture shows one digit, which should not be rejected. */
  public boolean isDigit() {
    return digit;
  }

  /**
   * Whether some of its pictures may have a digit's shape (the letter O, the symbol /, a lone
   * upright stroke), and are then flagged {@link Sample#ambiguous()}.
   */
  public boolean mayBeDigitShaped() {
    return this == LETTER || this == SYMBOL || this == SCRIBBLE || this == FRAGMENT;
  }
}
