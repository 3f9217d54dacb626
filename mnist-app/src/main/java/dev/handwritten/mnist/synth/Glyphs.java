package dev.handwritten.mnist.synth;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * The characters the generator writes, and the ones it sets apart because they have a digit's shape
 * in handwriting.
 */
final class Glyphs {
  /* Design notes: what a person would call a digit decides, not what a font draws. "O" and "0",
   * "l" and "1" are the same mark in most hands, and a gate that learnt to reject them would
   * reject zeros and ones too; so these are kept out of the gate's training and reported apart. The
   * same goes for the symbols that become a lone stroke or a ring once scaled to fill the 20-pixel
   * box: "/", "|", "(", "'" are a "1" to the network and to most readers, "°" a "0". */

  /** Upper and lower case Latin letters. */
  static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /**
   * Letters that are a digit's shape in handwriting: O o Q D as 0, I l i as 1, Z z as 2, S s as 5,
   * b G as 6, B as 8, g q as 9.
   */
  static final String AMBIGUOUS_LETTERS = "OoQDIliZzSsbGBgq";

  /** Punctuation, signs and a few common symbols. */
  static final String SYMBOLS = "#$%&@*+=?!/\\|()[]{}<>~^_-:;\"',.`°±×÷§¶©®€£¥¢∞√∑πΩµ¬¤♪☺★♥→✓";

  /** Symbols that become a lone stroke (a "1") or a ring (a "0") once scaled to fill the box. */
  static final String AMBIGUOUS_SYMBOLS = "|/\\()[]{}!'`,°";

  /** The ten digits, drawn from fonts as a control: they are digits, not something else. */
  static final String DIGITS = "0123456789";

  private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

  private Glyphs() {}

  /** Whether {@code c} has a digit's shape in handwriting. */
  static boolean ambiguous(char c) {
    return AMBIGUOUS_LETTERS.indexOf(c) >= 0 || AMBIGUOUS_SYMBOLS.indexOf(c) >= 0;
  }

  /**
   * The outline of {@code c} in {@code font}, scaled so that its longer side is {@code size} pixels
   * after stretching its width by {@code aspect}, and centred on ({@code cx}, {@code cy}).
   *
   * @return the outline, or {@code null} if the font draws nothing for it
   */
  static Shape outline(Font font, char c, double size, double aspect, double cx, double cy) {
    Shape glyph = font.deriveFont(100f).createGlyphVector(CONTEXT, String.valueOf(c)).getOutline();
    Rectangle2D bounds = glyph.getBounds2D();
    if (bounds.isEmpty()) {
      return null;
    }
    double w = bounds.getWidth() * aspect;
    double h = bounds.getHeight();
    double scale = size / Math.max(w, h);
    AffineTransform place = new AffineTransform();
    place.translate(cx, cy);
    place.scale(scale * aspect, scale);
    place.translate(-bounds.getCenterX(), -bounds.getCenterY());
    return place.createTransformedShape(glyph);
  }
}
