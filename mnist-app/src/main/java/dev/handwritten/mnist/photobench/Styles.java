package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.photobench.Style.Rgb;
import dev.handwritten.mnist.photobench.Style.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a photo's {@link Style} for a condition: first an ordinary phone photo (the baseline), then
 * the condition's difficulty over it. Every range below is part of the benchmark's definition: the
 * published table holds for exactly these; change one and the table must be measured again.
 */
final class Styles {
  /* Design notes: sizes are those of phone photos, mostly 1 to 3 megapixels as apps send them, one
   * in ten at a camera's full 8 or 12 (4000 x 3000), which a reader must scale down. Digit heights run from 20 to 200 pixels in a 1200 x 900 photo (a
   * number written small on a page seen whole, to one written big and photographed close), and in
   * proportion for bigger photos: the same framing at a higher resolution. */

  private static final int[][] SIZES = {{1200, 900}, {1600, 1200}, {2048, 1536}, {3264, 2448}};
  private static final double[] SIZE_WEIGHTS = {0.35, 0.3, 0.25, 0.06};
  private static final int[] LARGEST = {4000, 3000}; // the remaining 4%

  private static final Rgb[] PAPERS = {
    new Rgb(246, 245, 240), // white
    new Rgb(250, 250, 250), // bright white
    new Rgb(244, 238, 220), // cream
    new Rgb(232, 232, 228), // grey-white
    new Rgb(236, 232, 218) // recycled
  };
  private static final Rgb BLACK_BALLPOINT = new Rgb(35, 35, 45);
  private static final Rgb BLUE_BALLPOINT = new Rgb(30, 50, 140);
  private static final Rgb[] BLUE_INKS = {
    BLUE_BALLPOINT, new Rgb(40, 80, 190), new Rgb(60, 110, 200)
  };
  private static final Rgb[] RED_INKS = {
    new Rgb(190, 30, 40), new Rgb(170, 25, 45), new Rgb(210, 60, 60)
  };
  private static final Rgb[] GRAPHITE = {new Rgb(95, 95, 100), new Rgb(70, 70, 78)};
  private static final Rgb[] TABLES = {
    new Rgb(150, 105, 70), // wood
    new Rgb(55, 55, 60), // dark desk
    new Rgb(172, 170, 166), // light grey
    new Rgb(40, 50, 75) // dark blue cloth
  };

  /** The difficulties {@link Condition#MIX} chooses from. */
  private static final List<Condition> MIXABLE =
      Condition.all().stream().filter(c -> c != Condition.CLEAN && c != Condition.MIX).toList();

  private Styles() {}

  /** The style of one photo of {@code condition}. */
  static Style draw(Condition condition, SplittableRandom random) {
    Draft d = baseline(random);
    List<Condition> difficulties = new ArrayList<>();
    if (condition == Condition.MIX) {
      difficulties.addAll(mix(random));
    } else if (condition != Condition.CLEAN) {
      difficulties.add(condition);
    }
    // What changes the layout goes first, so that the digit height is settled before the paper
    // and the pen are drawn to its scale.
    List<Condition> layoutFirst = new ArrayList<>(difficulties);
    layoutFirst.sort((a, b) -> Boolean.compare(!changesLayout(a), !changesLayout(b)));
    boolean fitted = false;
    for (Condition c : layoutFirst) {
      if (!fitted && !changesLayout(c)) {
        fit(d);
        fitted = true;
      }
      apply(c, d, random);
    }
    if (!fitted) {
      fit(d);
    }
    return d.build(difficulties);
  }

  private static boolean changesLayout(Condition c) {
    return c == Condition.MULTI_LINE || c == Condition.TOUCHING;
  }

  /**
   * Keeps the digit height within what the frame allows: the longest line takes at least a tenth
   * and at most three quarters of the frame's width, the lines at most three quarters of its
   * height. A digit with its gap takes about 0.95 of its height (MNIST's ink is about 0.7 as wide
   * as high).
   */
  private static void fit(Draft d) {
    int longest = d.digitsPerLine.stream().mapToInt(Integer::intValue).max().orElse(1);
    int lines = d.digitsPerLine.size();
    // A short number is photographed closer: its line takes at least a tenth of the width.
    double closer = 0.1 * d.width / (0.95 * longest);
    double across = 0.75 * d.width / (0.95 * longest);
    double down = 0.75 * d.height / (1 + (lines - 1) * d.lineSpacing);
    d.digitHeight = Math.min(Math.max(d.digitHeight, closer), Math.min(across, down));
  }

  /** Two to four compatible difficulties, in table order. */
  private static List<Condition> mix(SplittableRandom random) {
    int count = 2 + random.nextInt(3);
    List<Condition> chosen = new ArrayList<>();
    while (chosen.size() < count) {
      Condition c = MIXABLE.get(random.nextInt(MIXABLE.size()));
      if (!chosen.contains(c) && chosen.stream().noneMatch(o -> clash(o, c))) {
        chosen.add(c);
      }
    }
    chosen.sort(null);
    return chosen;
  }

  /** Difficulties that set the same thing, so that one would undo the other. */
  private static boolean clash(Condition a, Condition b) {
    List<Condition> papers = List.of(Condition.GRID_PAPER, Condition.RULED_PAPER);
    List<Condition> inks =
        List.of(
            Condition.PENCIL_THIN, Condition.MARKER_THICK, Condition.BLUE_INK, Condition.RED_INK);
    return papers.contains(a) && papers.contains(b) || inks.contains(a) && inks.contains(b);
  }

  private static Draft baseline(SplittableRandom random) {
    Draft d = new Draft();
    double pick = random.nextDouble();
    int[] size = LARGEST;
    for (int k = 0; k < SIZES.length; k++) {
      pick -= SIZE_WEIGHTS[k];
      if (pick < 0) {
        size = SIZES[k];
        break;
      }
    }
    boolean portrait = random.nextDouble() < 0.25;
    d.width = portrait ? size[1] : size[0];
    d.height = portrait ? size[0] : size[1];
    double scale = Math.min(d.width, d.height) / 900.0;
    d.digitHeight = logUniform(random, 20 * scale, 200 * scale);

    d.digitsPerLine = List.of(digitCount(random, 1));
    d.gapMin = 0.08;
    d.gapMax = 0.4;
    d.lineSpacing = 1.8;

    Rgb paper = PAPERS[random.nextInt(PAPERS.length)];
    d.paper = jitter(random, paper, 4);
    d.texture = uniform(random, 0.01, 0.03);
    d.rules = Rules.PLAIN;

    d.ink = random.nextBoolean() ? BLACK_BALLPOINT : BLUE_BALLPOINT;
    d.opacity = uniform(random, 0.85, 1.0);
    d.pen(uniform(random, 0.05, 0.1), 1.5, Double.MAX_VALUE);
    d.grain = 0.1;

    d.level = uniform(random, 0.78, 0.98);
    d.gradient = uniform(random, 0, 0.15);
    d.gradientAngle = uniform(random, 0, 2 * Math.PI);
    d.vignette = uniform(random, 0, 0.15);
    d.tint = new Rgb(uniform(random, 0.97, 1.03), 1, uniform(random, 0.95, 1.05));

    d.blur = uniform(random, 0.3, 0.8);
    d.noise = uniform(random, 1.5, 4);
    d.jpegQuality = uniform(random, 0.8, 0.95);
    d.rotation = uniform(random, -2, 2);
    d.tilt = uniform(random, -0.03, 0.03);
    d.pan = uniform(random, -0.03, 0.03);
    return d;
  }

  private static void apply(Condition c, Draft d, SplittableRandom random) {
    double h = d.digitHeight;
    switch (c) {
      case GRID_PAPER -> {
        d.rules = Rules.GRID;
        d.ruleSpacing = h * uniform(random, 0.55, 1.0);
        d.ruleWidth = Math.max(1, d.ruleSpacing * uniform(random, 0.012, 0.03));
        d.ruleColour = random.nextBoolean() ? new Rgb(140, 170, 210) : new Rgb(150, 150, 155);
        d.ruleStrength = uniform(random, 0.25, 0.6);
      }
      case RULED_PAPER -> {
        d.rules = Rules.RULED;
        d.ruleSpacing = h * uniform(random, 1.15, 1.7);
        d.ruleWidth = Math.max(1, d.ruleSpacing * uniform(random, 0.015, 0.03));
        d.ruleColour = new Rgb(110, 150, 210);
        d.ruleStrength = uniform(random, 0.4, 0.85);
        d.margin = random.nextDouble() < 0.6;
      }
      case PAGE_EDGE -> {
        d.edge = true;
        d.table = jitter(random, TABLES[random.nextInt(TABLES.length)], 10);
      }
      case SHADOW -> {
        d.level = uniform(random, 0.7, 0.95);
        d.gradient = uniform(random, 0.15, 0.35);
        d.shadow = uniform(random, 0.3, 0.5);
        d.shadowSoftness = Math.min(d.width, d.height) * uniform(random, 0.01, 0.06);
        d.shadowAngle = uniform(random, 0, 2 * Math.PI);
        d.shadowOffset = uniform(random, -0.3, 0.3);
        d.shadowRadius = uniform(random, 1, 3);
      }
      case PENCIL_THIN -> {
        d.ink = GRAPHITE[random.nextInt(GRAPHITE.length)];
        d.opacity = uniform(random, 0.55, 0.85);
        d.pen(uniform(random, 0.015, 0.035), 1, 4);
        d.grain = 0.45;
      }
      case MARKER_THICK -> {
        d.ink = random.nextBoolean() ? new Rgb(25, 25, 30) : new Rgb(20, 40, 120);
        d.opacity = 0.95;
        d.pen(uniform(random, 0.13, 0.2), 3, Double.MAX_VALUE);
        d.grain = 0.05;
      }
      case BLUE_INK -> {
        d.ink = BLUE_INKS[random.nextInt(BLUE_INKS.length)];
        d.opacity = uniform(random, 0.75, 1.0);
      }
      case RED_INK -> {
        d.ink = RED_INKS[random.nextInt(RED_INKS.length)];
        d.opacity = uniform(random, 0.8, 1.0);
      }
      case BLUR -> d.blur = Math.max(1.2, Math.min(6, h * uniform(random, 0.025, 0.05)));
      case NOISE -> {
        d.noise = uniform(random, 10, 22);
        d.level = uniform(random, 0.6, 0.85);
      }
      case JPEG_LOW -> d.jpegQuality = uniform(random, 0.08, 0.3);
      case ROTATED -> d.rotation = sign(random) * uniform(random, 4, 12);
      case PERSPECTIVE -> {
        d.tilt = sign(random) * uniform(random, 0.15, 0.35);
        d.pan = sign(random) * uniform(random, 0.1, 0.3);
      }
      case TOUCHING -> {
        d.touching = true;
        if (d.digitsPerLine.size() == 1 && d.digitsPerLine.getFirst() == 1) {
          d.digitsPerLine = List.of(digitCount(random, 2));
        }
      }
      case MULTI_LINE -> {
        int lines = 2 + random.nextInt(3);
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
          counts.add(1 + random.nextInt(6));
        }
        d.digitsPerLine = counts;
        d.lineSpacing = uniform(random, 1.5, 2.5);
      }
      case CLEAN, MIX -> throw new IllegalArgumentException("not a difficulty: " + c);
    }
  }

  /** 4 digits three times in ten (years, PINs), otherwise any count from {@code min} to 8. */
  private static int digitCount(SplittableRandom random, int min) {
    return random.nextDouble() < 0.3 ? 4 : min + random.nextInt(9 - min);
  }

  private static double uniform(SplittableRandom random, double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  private static double logUniform(SplittableRandom random, double from, double to) {
    return StrictMath.exp(uniform(random, StrictMath.log(from), StrictMath.log(to)));
  }

  private static double sign(SplittableRandom random) {
    return random.nextBoolean() ? 1 : -1;
  }

  private static Rgb jitter(SplittableRandom random, Rgb c, double amount) {
    return new Rgb(
        clamp(c.r() + uniform(random, -amount, amount)),
        clamp(c.g() + uniform(random, -amount, amount)),
        clamp(c.b() + uniform(random, -amount, amount)));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(255, v));
  }

  /** The style while it is being decided. */
  private static final class Draft {
    int width;
    int height;
    double digitHeight;
    List<Integer> digitsPerLine;
    double gapMin;
    double gapMax;
    boolean touching;
    double lineSpacing;
    Rgb paper;
    double texture;
    Rules rules;
    double ruleSpacing;
    double ruleWidth;
    Rgb ruleColour = new Rgb(0, 0, 0);
    double ruleStrength;
    boolean margin;
    boolean edge;
    Rgb table = new Rgb(0, 0, 0);
    Rgb ink;
    double opacity;
    double penFraction; // of the digit height
    double penMin; // pixels
    double penMax;
    double grain;
    double level;
    double gradient;
    double gradientAngle;
    double vignette;
    Rgb tint;
    double shadow;
    double shadowSoftness = 1;
    double shadowAngle;
    double shadowOffset;
    double shadowRadius = 1;
    double blur;
    double noise;
    double jpegQuality;
    double rotation;
    double tilt;
    double pan;

    /** A pen {@code fraction} of the digit height wide, kept within [min, max] pixels. */
    void pen(double fraction, double min, double max) {
      penFraction = fraction;
      penMin = min;
      penMax = max;
    }

    Style build(List<Condition> difficulties) {
      Pen pen = new Pen(Math.max(penMin, Math.min(penMax, digitHeight * penFraction)));
      return new Style(
          width,
          height,
          digitHeight,
          difficulties,
          new Style.Sheet(
              paper,
              texture,
              rules,
              ruleSpacing,
              ruleWidth,
              ruleColour,
              ruleStrength,
              margin,
              edge,
              table),
          new Style.Ink(ink, opacity, pen, grain),
          new Style.Light(
              level,
              gradient,
              gradientAngle,
              vignette,
              tint,
              shadow,
              shadowSoftness,
              shadowAngle,
              shadowOffset,
              shadowRadius),
          new Style.Camera(blur, noise, jpegQuality, rotation, tilt, pan),
          new Style.Layout(digitsPerLine, gapMin, gapMax, touching, lineSpacing));
    }
  }
}
