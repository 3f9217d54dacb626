package dev.handwritten.mnist.synth;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fonts on this machine, sorted into typefaces for fitting and typefaces for measuring, so that
 * the non-digits a rejection is measured on are written in typefaces it never saw.
 *
 * <pre>{@code
 * FontCatalog fonts = FontCatalog.find(List.of(Path.of("/work/fonts13")));
 * fonts.typefaces(FontCatalog.Use.MEASURE);   // {Andika=[...], Lato=[...], ...}
 * }</pre>
 */
public final class FontCatalog {
  /* Design notes: typefaces are named here, once, so that the split does not depend on what else
   * a machine has installed: a font in neither list is left out (and listed by describe()). The
   * lists name the Debian packages' families; a fresh machine of this project has DejaVu alone,
   * which is for fitting, so the bundled gate can be trained anywhere and its measurement needs
   * the fonts that docs/rejection.md names. A typeface is one hand or design: "Lato" holds Lato
   * Black and Lato Thin, so that sampling typefaces evenly does not favour a family of many
   * weights. */

  /** What a typeface is used for. */
  public enum Use {
    /** Training the gate and fitting the calibration. */
    FIT,
    /** Measuring the rejection; never seen while fitting. */
    MEASURE
  }

  /** A typeface: its name and the font families (by prefix) that belong to it. */
  private record Typeface(String name, Use use, List<String> prefixes) {
    boolean holds(String family) {
      return prefixes.stream().anyMatch(family::startsWith);
    }
  }

  private static final List<Typeface> TYPEFACES =
      List.of(
          // Fitting: print faces, and six hands.
          new Typeface("DejaVu", Use.FIT, List.of("DejaVu")),
          new Typeface("Liberation", Use.FIT, List.of("Liberation")),
          new Typeface("FreeFont", Use.FIT, List.of("FreeSans", "FreeSerif", "FreeMono")),
          new Typeface("Nimbus", Use.FIT, List.of("Nimbus")),
          new Typeface("URW C059, P052, Bookman", Use.FIT, List.of("C059", "P052", "URW Bookman")),
          new Typeface("URW Gothic", Use.FIT, List.of("URW Gothic")),
          new Typeface("Z003", Use.FIT, List.of("Z003")),
          new Typeface("Open Sans", Use.FIT, List.of("Open Sans")),
          new Typeface("Cantarell", Use.FIT, List.of("Cantarell")),
          new Typeface("Comic Neue", Use.FIT, List.of("Comic Neue")),
          new Typeface("Humor Sans", Use.FIT, List.of("Humor Sans")),
          new Typeface("DKG Handwriting", Use.FIT, List.of("DkgHandwriting")),
          new Typeface("Breip", Use.FIT, List.of("Breip")),
          new Typeface("Dancing Script", Use.FIT, List.of("Dancing Script")),
          new Typeface("Kristi", Use.FIT, List.of("Kristi")),
          new Typeface("Because We Build", Use.FIT, List.of("Because We Build")),
          new Typeface("Because We Connect", Use.FIT, List.of("Because We Connect")),
          new Typeface("Because We Create", Use.FIT, List.of("Because We Create")),
          // Measuring: other print faces, and other hands.
          new Typeface("Lato", Use.MEASURE, List.of("Lato")),
          new Typeface("Linux Libertine", Use.MEASURE, List.of("Linux Libertine O")),
          new Typeface("Linux Biolinum", Use.MEASURE, List.of("Linux Biolinum O")),
          new Typeface("Andika", Use.MEASURE, List.of("Andika")),
          new Typeface("Quicksand", Use.MEASURE, List.of("Quicksand")),
          new Typeface("Because We Learn", Use.MEASURE, List.of("Because We Learn")),
          new Typeface("Because We Mentor", Use.MEASURE, List.of("Because We Mentor")),
          new Typeface("Because We Organize", Use.MEASURE, List.of("Because We Organize")),
          new Typeface("Femkeklaver", Use.MEASURE, List.of("femkeklaver")),
          new Typeface("Ecolier", Use.MEASURE, List.of("Ecolier_court")),
          new Typeface("Kaushan Script", Use.MEASURE, List.of("Kaushan Script")),
          new Typeface("Rufscript", Use.MEASURE, List.of("Rufscript")),
          new Typeface("Lobster Two", Use.MEASURE, List.of("Lobster Two")),
          new Typeface("Cabin Sketch", Use.MEASURE, List.of("Cabin Sketch", "CabinSketch")));

  /** The Debian packages that hold the typefaces above, for the hint when some are missing. */
  public static final String PACKAGES =
      "fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-freefont-ttf fonts-urw-base35 fonts-open-sans"
          + " fonts-cantarell fonts-comic-neue fonts-humor-sans fonts-dkg-handwriting fonts-breip"
          + " fonts-dancingscript fonts-kristi fonts-bwht fonts-lato fonts-linuxlibertine"
          + " fonts-sil-andika fonts-quicksand fonts-femkeklaver fonts-ecolier-court"
          + " fonts-kaushanscript fonts-rufscript fonts-lobster fonts-cabinsketch";

  private final Map<String, List<Font>> byTypeface; // sorted by name; fonts sorted by name
  private final List<String> ignored;

  private FontCatalog(Map<String, List<Font>> byTypeface, List<String> ignored) {
    this.byTypeface = byTypeface;
    this.ignored = ignored;
  }

  /**
   * The fonts installed on this machine; or, when {@code dirs} are given, the fonts in them instead
   * (TrueType and OpenType files, searched recursively), so that a run does not depend on what else
   * the machine has installed. A font found twice counts once.
   *
   * @throws IOException if a folder cannot be read
   */
  public static FontCatalog find(List<Path> dirs) throws IOException {
    Map<String, Font> byName = new TreeMap<>();
    if (dirs.isEmpty()) {
      for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
        if (!logical(f)) {
          byName.putIfAbsent(f.getFontName(Locale.ROOT), f);
        }
      }
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new IOException(dir + ": not a folder of fonts");
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(dir)) {
        files =
            walk.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(ttf|otf)"))
                .sorted()
                .toList();
      }
      for (Path file : files) {
        loadFont(file).ifPresent(f -> byName.putIfAbsent(f.getFontName(Locale.ROOT), f));
      }
    }
    Map<String, List<Font>> byTypeface = new TreeMap<>();
    List<String> ignored = new ArrayList<>();
    for (Font font : byName.values()) {
      String family = font.getFamily(Locale.ROOT);
      Optional<Typeface> typeface = TYPEFACES.stream().filter(t -> t.holds(family)).findFirst();
      if (typeface.isPresent()) {
        byTypeface.computeIfAbsent(typeface.get().name(), k -> new ArrayList<>()).add(font);
      } else {
        ignored.add(font.getFontName(Locale.ROOT));
      }
    }
    return new FontCatalog(byTypeface, List.copyOf(ignored));
  }

  /** The typefaces for {@code use} that this machine has, each with its fonts, sorted by name. */
  public Map<String, List<Font>> typefaces(Use use) {
    Map<String, List<Font>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Font>> e : byTypeface.entrySet()) {
      if (use(e.getKey()) == use) {
        out.put(e.getKey(), List.copyOf(e.getValue()));
      }
    }
    return out;
  }

  /** The named typefaces for {@code use} that this machine lacks. */
  public List<String> missing(Use use) {
    return TYPEFACES.stream()
        .filter(t -> t.use() == use && !byTypeface.containsKey(t.name()))
        .map(Typeface::name)
        .toList();
  }

  /** Fonts found on the machine that belong to no named typeface, and are not used. */
  public List<String> ignored() {
    return ignored;
  }

  /** For example {@code "DejaVu (22 fonts), Liberation (12 fonts)"}. */
  public String describe(Use use) {
    List<String> parts = new ArrayList<>();
    typefaces(use).forEach((name, fonts) -> parts.add(name + " (" + fonts.size() + ")"));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static Use use(String typeface) {
    return TYPEFACES.stream()
        .filter(t -> t.name().equals(typeface))
        .findFirst()
        .orElseThrow()
        .use();
  }

  /** Java's logical fonts (Dialog, SansSerif, ...) are other fonts under another name. */
  private static boolean logical(Font f) {
    return List.of("Dialog", "DialogInput", "Monospaced", "SansSerif", "Serif")
        .contains(f.getFamily(Locale.ROOT));
  }

  private static Optional<Font> loadFont(Path file) throws IOException {
    try {
      return Optional.of(Font.createFont(Font.TRUETYPE_FONT, file.toFile()));
    } catch (FontFormatException e) {
      return Optional.empty(); // a font Java cannot read is skipped, as fc-list would list it
    }
  }
}
