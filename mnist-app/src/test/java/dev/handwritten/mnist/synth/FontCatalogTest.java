package dev.handwritten.mnist.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fonts sorted into typefaces for fitting and for measuring. */
class FontCatalogTest {
  private static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

  @Test
  void dejaVu_isForFitting_neverForMeasuring() throws IOException {
    FontCatalog fonts = FontCatalog.find(List.of());
    assumeTrue(
        fonts.typefaces(FontCatalog.Use.FIT).containsKey("DejaVu"),
        "DejaVu is not installed; install fonts-dejavu-core to run this");
    assertFalse(fonts.typefaces(FontCatalog.Use.MEASURE).containsKey("DejaVu"));
    assertFalse(fonts.missing(FontCatalog.Use.FIT).contains("DejaVu"));
    assertTrue(fonts.describe(FontCatalog.Use.FIT).contains("DejaVu ("));
    // Java's logical fonts are other fonts under another name: never counted.
    assertFalse(fonts.ignored().stream().anyMatch(name -> name.startsWith("Dialog")));
  }

  @Test
  void aFolderOfFonts_isSearched_insteadOfTheInstalledFonts(@TempDir Path dir) throws IOException {
    assumeTrue(Files.exists(DEJAVU), DEJAVU + " is not installed");
    Files.createDirectories(dir.resolve("nested"));
    Files.copy(DEJAVU, dir.resolve("nested/copy.ttf"));
    Files.copy(DEJAVU, dir.resolve("again.ttf")); // the same font twice counts once
    Files.writeString(dir.resolve("notes.ttf"), "not a font"); // skipped, as fc-list would

    FontCatalog fonts = FontCatalog.find(List.of(dir));

    assertEquals(
        List.of("DejaVu Sans"),
        fonts.typefaces(FontCatalog.Use.FIT).get("DejaVu").stream()
            .map(f -> f.getFontName(java.util.Locale.ROOT))
            .toList());
    assertEquals(1, fonts.typefaces(FontCatalog.Use.FIT).size());
  }

  @Test
  void aMissingFolder_isNamed(@TempDir Path dir) {
    Path missing = dir.resolve("no-fonts-here");
    IOException e = assertThrows(IOException.class, () -> FontCatalog.find(List.of(missing)));
    assertEquals(missing + ": not a folder of fonts", e.getMessage());
  }
}
