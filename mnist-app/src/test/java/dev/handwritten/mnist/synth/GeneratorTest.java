package dev.handwritten.mnist.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.handwritten.mnist.data.DataSet;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator of pictures that are not a digit, on the fonts every machine of this project has
 * (DejaVu, a fitting typeface).
 */
class GeneratorTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  static Map<String, List<Font>> fonts;
  static DataSet digits;

  @BeforeAll
  static void load() throws IOException {
    fonts = FontCatalog.find(List.of()).typefaces(FontCatalog.Use.FIT);
    assumeFalse(
        fonts.isEmpty(), "no fitting typeface installed; install fonts-dejavu-core to run this");
    digits = DataSet.loadTest(MNIST).subset(0, 200);
  }

  @Test
  void sameSeed_drawsTheSamePictures_inAnyOrder() {
    Generator a = new Generator(fonts, digits, 5, true);
    Generator b = new Generator(fonts, digits, 5, true);
    for (Category c : Category.values()) {
      Sample late = b.sample(c, 3); // b draws sample 3 first, a draws 0 to 3 in order
      Sample early = a.samples(c, 0, 4).get(3);
      assertEquals(early.what(), late.what(), c.name());
      assertArrayEquals(early.input(), late.input(), c.name());
      assertArrayEquals(pixels(early.picture()), pixels(late.picture()), c.name());
    }
  }

  @Test
  void anotherSeed_drawsOtherPictures() {
    Generator a = new Generator(fonts, digits, 5, true);
    Generator b = new Generator(fonts, digits, 6, true);
    for (Category c : Category.values()) {
      assertFalse(
          java.util.Arrays.equals(
              pixels(a.sample(c, 0).picture()), pixels(b.sample(c, 0).picture())),
          c.name());
    }
  }

  @Test
  void everyCategory_drawsInk_thatThePreparationFinds() {
    Generator g = new Generator(fonts, digits, 1, true);
    for (Category c : Category.values()) {
      int withInk = 0;
      for (Sample s : g.samples(c, 0, 10)) {
        assertEquals(c, s.category());
        assertEquals(28 * 28, s.input().length);
        assertTrue(shades(s.picture()) > 1, c + ": a picture of one shade: " + s.what());
        double ink = 0;
        for (float v : s.input()) {
          ink += v;
        }
        withInk += s.prepared() && ink > 0 ? 1 : 0;
      }
      // Blank paper may be too faint for any ink to be found; everything else has a mark.
      assertTrue(withInk >= (c == Category.BLANK ? 5 : 10), c + ": " + withInk + " of 10 inked");
    }
  }

  @Test
  void charactersWithADigitsShape_areLeftOut_whenAsked() {
    Generator plain = new Generator(fonts, digits, 1, false);
    Generator all = new Generator(fonts, digits, 1, true);
    int ambiguous = 0;
    for (int i = 0; i < 100; i++) {
      Sample letter = plain.sample(Category.LETTER, i);
      Sample symbol = plain.sample(Category.SYMBOL, i);
      assertFalse(letter.ambiguous() || symbol.ambiguous(), letter.what() + ", " + symbol.what());
      assertFalse(Glyphs.ambiguous(letter.what().charAt(1)), letter.what());
      ambiguous += all.sample(Category.LETTER, i).ambiguous() ? 1 : 0;
    }
    // 16 of the 52 letters have a digit's shape; about 30 of 100 then.
    assertTrue(ambiguous > 15 && ambiguous < 45, "digit-shaped letters: " + ambiguous);
  }

  @Test
  void digits_areDrawnInOrder_andPairsFromTheGivenSet() {
    Generator g = new Generator(fonts, digits, 1, false);
    assertTrue(g.sample(Category.DIGIT, 3).what().endsWith("(#3)"));
    assertTrue(g.sample(Category.DIGIT, 203).what().endsWith("(#3)"));
    assertTrue(g.sample(Category.TWO_DIGITS, 0).what().matches("MNIST digits \\d and \\d"));
  }

  @Test
  void lettersAreWritten_inTheGivenTypefacesOnly() {
    String family = fonts.keySet().iterator().next();
    List<Font> faces = fonts.get(family);
    Generator g = new Generator(Map.of(family, faces), digits, 1, true);
    for (int i = 0; i < 20; i++) {
      String what = g.sample(Category.LETTER, i).what();
      assertTrue(faces.stream().anyMatch(f -> what.endsWith(" in " + f.getFontName())), what);
    }
  }

  @Test
  void withoutFonts_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Generator(Map.of(), digits, 1, true));
    assertEquals("Generator: expected at least one typeface with fonts, got []", e.getMessage());
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
  }

  private static int shades(BufferedImage image) {
    return (int) java.util.Arrays.stream(pixels(image)).distinct().count();
  }
}
