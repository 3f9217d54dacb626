package dev.handwritten.mnist;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;

/**
 * The typeface that the tests of typed letters and digits were measured with. Which letters the
 * rejection gate lets through depends on the letters' shapes, so these tests name the typeface
 * instead of Java's logical {@code SansSerif}, which maps to whatever the machine has.
 */
public final class TestFonts {
  private TestFonts() {}

  /**
   * DejaVu Sans (Debian's default sans-serif) at {@code size} points; the calling test is skipped,
   * saying why, on a machine without it.
   */
  public static Font dejaVuSans(int size) {
    Font font = new Font("DejaVu Sans", Font.PLAIN, size);
    assumeTrue(font.getFamily().equals("DejaVu Sans"), "DejaVu Sans is not installed here");
    return font;
  }
}
