package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.photobench.Style.Rgb;
import dev.handwritten.mnist.photobench.Style.Rules;

/**
 * The sheet's colour at a point of the page, in full light: paper with fibres and blotches, its
 * printed grid or rules, the margin line, and past the sheet's edge the table.
 */
final class Paper {
  /* Design notes: printed lines and the sheet's edge are anti-aliased by their distance to the
   * pixel's centre in page pixels; the camera's scale is near 1 (at most a quarter off at the
   * strongest perspective), so a line keeps about its width. */

  private final Style.Sheet sheet;
  private final Noise noise;
  private final double gridX; // page x of one grid line (squared paper)
  private final double ruleY; // page y of one printed line
  private final double marginX; // page x of the margin line; NaN for none
  private final double[] edges; // left, top, right, bottom of the sheet on the page
  private final double contactShadow; // how far the sheet's shadow reaches onto the table

  Paper(
      Style.Sheet sheet,
      Noise noise,
      double gridX,
      double ruleY,
      double marginX,
      double[] edges,
      double contactShadow) {
    this.sheet = sheet;
    this.noise = noise;
    this.gridX = gridX;
    this.ruleY = ruleY;
    this.marginX = marginX;
    this.edges = edges.clone();
    this.contactShadow = contactShadow;
  }

  /** Writes the colour at page point (u, v) into {@code rgb}, levels of 255. */
  void colour(double u, double v, float[] rgb) {
    double fibres = noise.smooth(u, v, 1.2, 1, 0) - 0.5;
    double blotches = noise.smooth(u, v, 150, 1, 1) - 0.5;
    double shade = 1 + sheet.texture() * (1.5 * fibres + 0.6 * blotches);
    Rgb p = sheet.paper();
    double r = p.r() * shade;
    double g = p.g() * shade;
    double b = p.b() * shade;
    double printed = 0;
    if (sheet.rules() == Rules.GRID) {
      printed = Math.max(line(u, gridX), line(v, ruleY));
    } else if (sheet.rules() == Rules.RULED) {
      printed = line(v, ruleY);
    }
    if (printed > 0) {
      double a = printed * sheet.ruleStrength();
      Rgb c = sheet.ruleColour();
      r = r * (1 - a) + c.r() * shade * a;
      g = g * (1 - a) + c.g() * shade * a;
      b = b * (1 - a) + c.b() * shade * a;
    }
    if (!Double.isNaN(marginX)) {
      double a = 0.7 * cover(Math.abs(u - marginX), 0.75 * sheet.ruleWidth() + 0.5);
      r = r * (1 - a) + 215 * a;
      g = g * (1 - a) + 90 * a;
      b = b * (1 - a) + 100 * a;
    }
    if (sheet.edge()) {
      // Signed distance to the sheet's outline: negative on the sheet.
      double outside =
          Math.max(Math.max(edges[0] - u, u - edges[2]), Math.max(edges[1] - v, v - edges[3]));
      double onSheet = Math.max(0, Math.min(1, 0.5 - outside));
      if (onSheet < 1) {
        Rgb t = sheet.table();
        double grain =
            t.r() > t.b() + 40 // wood: long streaks across
                ? noise.smooth(u, v, 200, 0.03, 2)
                : noise.smooth(u, v, 3, 1, 2);
        double tableShade = (1 + 0.16 * (grain - 0.5)) * (1 - 0.45 * contact(outside));
        r = r * onSheet + t.r() * tableShade * (1 - onSheet);
        g = g * onSheet + t.g() * tableShade * (1 - onSheet);
        b = b * onSheet + t.b() * tableShade * (1 - onSheet);
      }
    }
    rgb[0] = (float) r;
    rgb[1] = (float) g;
    rgb[2] = (float) b;
  }

  /** How much of a pixel a printed line through {@code origin}, every ruleSpacing, covers. */
  private double line(double position, double origin) {
    double spacing = sheet.ruleSpacing();
    double offset = position - origin;
    offset -= spacing * Math.floor(offset / spacing); // in [0, spacing); cheaper than %
    double distance = Math.min(offset, spacing - offset);
    return cover(distance, sheet.ruleWidth() / 2);
  }

  /** Coverage of a pixel whose centre lies {@code distance} from the middle of a stroke. */
  private static double cover(double distance, double halfWidth) {
    return Math.max(0, Math.min(1, halfWidth + 0.5 - distance));
  }

  /** The sheet's shadow on the table, 1 at the edge fading to 0. */
  private double contact(double outside) {
    return outside <= 0 ? 1 : StrictMath.exp(-outside / contactShadow);
  }
}
