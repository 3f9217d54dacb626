package dev.handwritten.mnist.synth;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.DigitImage;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic generator of pictures: letters, symbols, scribbles, fragments, near-blank paper
 * and two digits in one box, each rendered like ink on paper and then prepared exactly as a user's
 * picture is ({@link DigitImage#prepare}); and, for the other side of the line, MNIST digits and
 * font digits rendered the same way.
 *
 * <pre>{@code
 * Generator measuring = new Generator(fonts.typefaces(FontCatalog.Use.MEASURE), test, 2, true);
 * Sample s = measuring.sample(Category.LETTER, 17);   // the same picture every time
 * s.input();                                          // 28 x 28, as the network sees it
 * }</pre>
 *
 * <p>Sample {@code i} of a category is a pure function of (seed, category, i): the generator holds
 * no state, so any number of threads may draw from it, in any order.
 */
public final class Generator {
  /* Design notes: fonts are chosen by typeface first and then by face, so that a family of sixteen
   * weights weighs as much as a font of one. Characters a face cannot draw are skipped for it. What
   * keeps fitting and measuring apart is outside this class: other typefaces, another seed, and
   * MNIST's other split for the digits. */

  private static final int SIZE = DigitImage.SIZE;

  /** The share of marks drawn by a neat hand, with a quarter of the distortion at most. */
  private static final double NEAT = 1 / 3.0;

  private final List<List<Font>> typefaces;
  private final List<String> typefaceNames;
  private final DataSet digits;
  private final long seed;
  private final boolean ambiguous;

  /**
   * @param typefaces the fonts to write characters in, by typeface (see {@link FontCatalog})
   * @param digits MNIST images for the digit categories: {@code [N, 1, 28, 28]}
   * @param seed every picture derives from it
   * @param ambiguous whether letters, symbols and strokes may include those with a digit's shape
   *     (O, l, /, a lone upright stroke, ...): yes to measure them, no to train a gate
   * @throws IllegalArgumentException if there are no fonts or the digits are not 28 x 28
   */
  public Generator(
      Map<String, List<Font>> typefaces, DataSet digits, long seed, boolean ambiguous) {
    if (typefaces.isEmpty() || typefaces.values().stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException(
          "Generator: expected at least one typeface with fonts, got " + typefaces.keySet());
    }
    if (digits.images().shape().sample().size() != SIZE * SIZE) {
      throw new IllegalArgumentException(
          "Generator: expected 28 x 28 digits, got " + digits.images().shape());
    }
    this.typefaces = typefaces.values().stream().map(List::copyOf).toList();
    this.typefaceNames = List.copyOf(typefaces.keySet());
    this.digits = digits;
    this.seed = seed;
    this.ambiguous = ambiguous;
  }

  /** The digits the digit categories draw from. */
  public DataSet digits() {
    return digits;
  }

  /** The typefaces characters are written in. */
  public List<String> typefaceNames() {
    return typefaceNames;
  }

  /**
   * Picture {@code index} of {@code category}. For {@link Category#DIGIT} it is digit {@code index
   * % N} of the data set, so the first N samples draw each digit once.
   */
  public Sample sample(Category category, int index) {
    SplittableRandom random =
        new SplittableRandom(
            seed * 0x9E3779B97F4A7C15L
                + (category.ordinal() + 1) * 0xBF58476D1CE4E5B9L
                + index * 0x94D049BB133111EBL);
    return switch (category) {
      case DIGIT -> {
        int i = index % digits.size();
        yield prepare(
            category,
            "MNIST digit " + digits.labels()[i] + " (#" + i + ")",
            false,
            DigitScans.one(digit(i), random),
            random,
            0.4);
      }
      case TWO_DIGITS -> {
        int a = random.nextInt(digits.size());
        int b = random.nextInt(digits.size());
        yield prepare(
            category,
            "MNIST digits " + digits.labels()[a] + " and " + digits.labels()[b],
            false,
            DigitScans.two(digit(a), digit(b), random),
            random,
            0.4);
      }
      case LETTER -> character(category, Glyphs.LETTERS, random);
      case SYMBOL -> character(category, Glyphs.SYMBOLS, random);
      case FONT_DIGIT -> character(category, Glyphs.DIGITS, random);
      case SCRIBBLE, FRAGMENT -> stroke(category, random);
      case BLANK -> blank(random);
    };
  }

  /** A character of {@code chars} in a random font, placed, distorted and inked. */
  private Sample character(Category category, String chars, SplittableRandom random) {
    while (true) {
      List<Font> typeface = typefaces.get(random.nextInt(typefaces.size()));
      Font font = typeface.get(random.nextInt(typeface.size()));
      char c = chars.charAt(random.nextInt(chars.length()));
      boolean digitShaped = category != Category.FONT_DIGIT && Glyphs.ambiguous(c);
      if (!font.canDisplay(c) || (digitShaped && !ambiguous)) {
        continue;
      }
      int side = random.nextInt(64, 129);
      double size = side * random.nextDouble(0.45, 0.7);
      double aspect = Math.exp(random.nextDouble(-0.2, 0.2));
      double cx = side / 2.0 + random.nextDouble(-0.06, 0.06) * side;
      double cy = side / 2.0 + random.nextDouble(-0.06, 0.06) * side;
      Shape outline = Glyphs.outline(font, c, size, aspect, cx, cy);
      if (outline == null) {
        continue;
      }
      String what = "'" + c + "' in " + font.getFontName(Locale.ROOT);
      Mask mark = Mask.of(outline, null, side, side);
      if (mark.mass() == 0) {
        continue;
      }
      return prepare(category, what, digitShaped, mark, random, 1);
    }
  }

  /** A scribble or a fragment; one that reads as a "1" is digit-shaped, and redrawn if unwanted. */
  private Sample stroke(Category category, SplittableRandom random) {
    while (true) {
      int side = random.nextInt(64, 129);
      Mask mark =
          category == Category.SCRIBBLE
              ? Strokes.scribble(random, side)
              : Strokes.fragment(random, side);
      boolean digitShaped = Strokes.digitShaped(mark);
      if (digitShaped && !ambiguous) {
        continue;
      }
      String what = category == Category.SCRIBBLE ? "scribble" : "fragment";
      return prepare(category, what, digitShaped, mark, random, 0.5);
    }
  }

  /** Paper with nothing written: specks, grain, a faint smudge, or several of these. */
  private Sample blank(SplittableRandom random) {
    int side = random.nextInt(48, 129);
    Ink style = Ink.random(random, side, 0);
    Path2D specks = new Path2D.Double();
    int kind = random.nextInt(4);
    if (kind != 1) {
      for (int s = random.nextInt(1, 9); s > 0; s--) {
        double r = random.nextDouble(0.5, 2.5);
        double x = random.nextDouble(0.1, 0.9) * side;
        double y = random.nextDouble(0.1, 0.9) * side;
        specks.append(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r), false);
      }
    }
    Mask mask = Mask.of(specks, null, side, side);
    float[] ink = mask.ink();
    for (int i = 0; i < ink.length; i++) {
      ink[i] *= (float) random.nextDouble(0.3, 1); // specks of dust are not all black
    }
    if (kind >= 2) {
      // A smudge: a large, soft, faint blot, such as an erased mark leaves.
      double r = side * random.nextDouble(0.1, 0.3);
      double x = random.nextDouble(0.3, 0.7) * side;
      double y = random.nextDouble(0.3, 0.7) * side;
      Mask smudge =
          Mask.of(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r), null, side, side)
              .blur((int) Math.max(1, r / 2));
      float strength = (float) random.nextDouble(0.1, 0.35);
      float[] s = smudge.ink();
      for (int i = 0; i < s.length; i++) {
        s[i] *= strength;
      }
      mask = mask.union(smudge);
    }
    double grain = kind == 1 ? random.nextDouble(4, 20) : style.grain();
    Ink paper =
        new Ink(
            style.paper(),
            style.ink(),
            grain,
            0,
            style.warp(),
            false,
            style.blur(),
            style.shading());
    BufferedImage picture = paper.paper(mask.blur(style.blur()), random);
    String what = kind == 1 ? "grain" : kind == 0 ? "specks" : "specks and a smudge";
    return prepared(Category.BLANK, what, false, picture);
  }

  private Sample prepare(
      Category category,
      String what,
      boolean digitShaped,
      Mask mark,
      SplittableRandom random,
      double distortion) {
    // A third of the marks come from a neat hand (or a keyboard): little slant and wobble. Without
    // them the gate never saw a plain, upright "A", and took the one typed in a test for a 4.
    double hand = random.nextDouble() < NEAT ? random.nextDouble(0, 0.25) : 1;
    Ink style = Ink.random(random, Math.max(mark.width(), mark.height()), distortion * hand);
    return prepared(category, what, digitShaped, style.render(mark, random));
  }

  private static Sample prepared(
      Category category, String what, boolean digitShaped, BufferedImage picture) {
    try {
      return new Sample(category, what, digitShaped, picture, DigitImage.prepare(picture), true);
    } catch (IllegalArgumentException e) {
      // A picture of one shade: the app finds no digit there and says so.
      return new Sample(category, what, digitShaped, picture, new float[SIZE * SIZE], false);
    }
  }

  private float[] digit(int i) {
    int n = SIZE * SIZE;
    return Arrays.copyOfRange(digits.images().data(), i * n, (i + 1) * n);
  }

  /** Samples {@code from} (inclusive) to {@code to} (exclusive) of a category, in order. */
  public List<Sample> samples(Category category, int from, int to) {
    List<Sample> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(sample(category, i));
    }
    return out;
  }
}
