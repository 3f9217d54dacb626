package dev.handwritten.mnist.synth;

import java.awt.BasicStroke;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/** Pen strokes that are no character: scribbles and fragments. */
final class Strokes {
  /* Design notes: a lone stroke that is long and thin and leans less than 40 degrees from upright
   * is what a "1" is, whatever hand drew it (MNIST's ones lean up to about that much); such marks
   * are flagged as digit-shaped, like the letters O and l, rather than counted as plain
   * non-digits. The test is on the ink's second moments, so a straight line and a gentle arc are
   * judged alike. */

  /** A stroke whose ink is this many times longer than wide (in standard deviations) is a line. */
  private static final double LINE = 3;

  /** A line leaning less than this from upright reads as a "1". */
  private static final double UPRIGHT_DEGREES = 40;

  private Strokes() {}

  /**
   * Random pen strokes across a box: a tangle through random points, a coil of loops, a zigzag, a
   * few crossing strokes, or hatching as when something is crossed out.
   *
   * @param side the canvas's side in pixels; the box is about half of it, centred
   */
  static Mask scribble(SplittableRandom random, int side) {
    double box = side * random.nextDouble(0.4, 0.65);
    BasicStroke pen = pen(random, side);
    Path2D path = new Path2D.Double();
    switch (random.nextInt(5)) {
      case 0 -> smooth(path, points(random, side, box, random.nextInt(4, 9)));
      case 1 -> smooth(path, coil(random, side, box));
      case 2 -> zigzag(path, random, side, box);
      case 3 -> {
        for (int s = random.nextInt(2, 4); s > 0; s--) {
          smooth(path, points(random, side, box, random.nextInt(2, 4)));
        }
      }
      default -> hatching(path, random, side, box);
    }
    return Mask.of(path, pen, side, side);
  }

  /** A piece of a stroke: a short line, an arc, a dot or a few, or a tick. */
  static Mask fragment(SplittableRandom random, int side) {
    double box = side * random.nextDouble(0.3, 0.6);
    double c = side / 2.0;
    BasicStroke pen = pen(random, side);
    Mask mask;
    switch (random.nextInt(4)) {
      case 0 -> {
        double angle = Math.toRadians(random.nextDouble(-90, 90));
        double half = box * random.nextDouble(0.3, 0.5);
        Path2D line = new Path2D.Double();
        line.moveTo(c - half * Math.cos(angle), c - half * Math.sin(angle));
        line.lineTo(c + half * Math.cos(angle), c + half * Math.sin(angle));
        mask = Mask.of(line, pen, side, side);
      }
      case 1 -> {
        double r = box * random.nextDouble(0.25, 0.5);
        Arc2D arc =
            new Arc2D.Double(
                c - r,
                c - r,
                2 * r,
                2 * r,
                random.nextDouble(360),
                random.nextDouble(70, 220),
                Arc2D.OPEN);
        mask = Mask.of(arc, pen, side, side);
      }
      case 2 -> {
        Path2D dots = new Path2D.Double();
        for (int d = random.nextInt(1, 4); d > 0; d--) {
          double r = side * random.nextDouble(0.02, 0.07);
          double x = c + random.nextDouble(-0.5, 0.5) * box;
          double y = c + random.nextDouble(-0.5, 0.5) * box;
          dots.append(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r), false);
        }
        mask = Mask.of(dots, null, side, side);
      }
      default -> {
        // A "v" or a "^": the two arms open upwards or downwards, never like a "7".
        double half = Math.toRadians(random.nextDouble(25, 60));
        double bisector = Math.toRadians(random.nextBoolean() ? -90 : 90);
        double arm = box * random.nextDouble(0.3, 0.6);
        double vx = c;
        double vy = c - Math.sin(bisector) * arm / 2;
        Path2D tick = new Path2D.Double();
        tick.moveTo(vx + arm * Math.cos(bisector - half), vy + arm * Math.sin(bisector - half));
        tick.lineTo(vx, vy);
        tick.lineTo(vx + arm * Math.cos(bisector + half), vy + arm * Math.sin(bisector + half));
        mask = Mask.of(tick, pen, side, side);
      }
    }
    return mask;
  }

  /** A round-tipped pen, 2.5% to 8% of the canvas wide. */
  private static BasicStroke pen(SplittableRandom random, int side) {
    return new BasicStroke(
        (float) (side * random.nextDouble(0.025, 0.08)),
        BasicStroke.CAP_ROUND,
        BasicStroke.JOIN_ROUND);
  }

  /**
   * Whether the ink is one long thin stroke leaning less than {@value #UPRIGHT_DEGREES} degrees
   * from upright: a "1" to any reader. Empty ink counts as digit-shaped too, so that it is never
   * taken for a plain non-digit.
   */
  static boolean digitShaped(Mask mask) {
    double mass = 0;
    double sx = 0;
    double sy = 0;
    int w = mask.width();
    float[] ink = mask.ink();
    for (int i = 0; i < ink.length; i++) {
      mass += ink[i];
      sx += ink[i] * (i % w);
      sy += ink[i] * (i / w);
    }
    if (mass == 0) {
      return true;
    }
    double cx = sx / mass;
    double cy = sy / mass;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int i = 0; i < ink.length; i++) {
      double dx = i % w - cx;
      double dy = i / w - cy;
      xx += ink[i] * dx * dx;
      yy += ink[i] * dy * dy;
      xy += ink[i] * dx * dy;
    }
    // Eigenvalues of the covariance [[xx, xy], [xy, yy]] / mass: the ink's spread along its main
    // axis and across it.
    double mean = (xx + yy) / 2;
    double root = Math.sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
    double along = mean + root;
    double across = Math.max(mean - root, 1e-9);
    if (Math.sqrt(along / across) < LINE) {
      return false;
    }
    // The main axis's angle from upright: 0 for a vertical line, 90 for a horizontal one.
    double fromUpright = Math.toDegrees(Math.abs(Math.atan2(2 * xy, yy - xx) / 2));
    return fromUpright < UPRIGHT_DEGREES;
  }

  private static double[][] points(SplittableRandom random, int side, double box, int n) {
    double[][] p = new double[n][2];
    for (double[] point : p) {
      point[0] = side / 2.0 + random.nextDouble(-0.5, 0.5) * box;
      point[1] = side / 2.0 + random.nextDouble(-0.5, 0.5) * box;
    }
    return p;
  }

  /** Loops along a line, as a pen testing itself: "eeee" or a spring. */
  private static double[][] coil(SplittableRandom random, int side, double box) {
    int turns = random.nextInt(2, 5);
    int n = turns * 8;
    double r = box / (2 * turns) * random.nextDouble(0.8, 1.6);
    double[][] p = new double[n][2];
    for (int i = 0; i < n; i++) {
      double t = i / (double) (n - 1);
      double theta = 2 * Math.PI * turns * t;
      p[i][0] = side / 2.0 + (t - 0.5) * box + r * Math.cos(theta);
      p[i][1] = side / 2.0 + r * 1.3 * Math.sin(theta);
    }
    return p;
  }

  private static void zigzag(Path2D path, SplittableRandom random, int side, double box) {
    int teeth = random.nextInt(4, 8); // three strokes would make a "Z", a "2" in handwriting
    double height = box * random.nextDouble(0.3, 0.8);
    for (int i = 0; i <= teeth; i++) {
      double x = side / 2.0 + (i / (double) teeth - 0.5) * box;
      double y = side / 2.0 + (i % 2 == 0 ? -0.5 : 0.5) * height;
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
  }

  /** Parallel strokes, as when a word is crossed out. */
  private static void hatching(Path2D path, SplittableRandom random, int side, double box) {
    int lines = random.nextInt(3, 7);
    double angle = Math.toRadians(random.nextDouble(-60, 60));
    double dx = Math.cos(angle) * box / 2;
    double dy = Math.sin(angle) * box / 2;
    for (int i = 0; i < lines; i++) {
      double offset = (i / (lines - 1.0) - 0.5) * box;
      double cx = side / 2.0 - Math.sin(angle) * offset;
      double cy = side / 2.0 + Math.cos(angle) * offset;
      path.moveTo(cx - dx, cy - dy);
      path.lineTo(cx + dx, cy + dy);
    }
  }

  /** A smooth curve through the points (Catmull-Rom, drawn as cubic Bezier segments). */
  private static void smooth(Path2D path, double[][] p) {
    path.moveTo(p[0][0], p[0][1]);
    for (int i = 0; i < p.length - 1; i++) {
      double[] a = p[Math.max(0, i - 1)];
      double[] b = p[i];
      double[] c = p[i + 1];
      double[] d = p[Math.min(p.length - 1, i + 2)];
      path.curveTo(
          b[0] + (c[0] - a[0]) / 6,
          b[1] + (c[1] - a[1]) / 6,
          c[0] - (d[0] - b[0]) / 6,
          c[1] - (d[1] - b[1]) / 6,
          c[0],
          c[1]);
    }
  }
}
