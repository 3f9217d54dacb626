package dev.handwritten.mnist.photobench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The digits of a photo written on the page: each digit's ink and where it lies, in page pixels
 * (the paper's own coordinates, before the camera's rotation and perspective).
 */
final class TextBlock {
  /**
   * One digit on the page.
   *
   * @param ink its coverage patch
   * @param x the patch's left edge on the page
   * @param y the patch's top edge on the page
   * @param line which line it is on, 0 at the top
   */
  record Placed(Scene.Digit digit, DigitInk ink, int x, int y, int line, int[] inkBounds) {
    /** The ink's bounds on the page: {left, top, right, bottom}, right and bottom exclusive. */
    int[] pageBounds() {
      return new int[] {x + inkBounds[0], y + inkBounds[1], x + inkBounds[2], y + inkBounds[3]};
    }
  }

  final List<Placed> digits;
  final int[] baselines; // the page y each line's digits stand on
  final int left;
  final int top;
  final int right;
  final int bottom;

  private TextBlock(List<Placed> digits, int[] baselines) {
    this.digits = List.copyOf(digits);
    this.baselines = baselines;
    int l = Integer.MAX_VALUE;
    int t = Integer.MAX_VALUE;
    int r = Integer.MIN_VALUE;
    int b = Integer.MIN_VALUE;
    for (Placed p : digits) {
      int[] box = p.pageBounds();
      l = Math.min(l, box[0]);
      t = Math.min(t, box[1]);
      r = Math.max(r, box[2]);
      b = Math.max(b, box[3]);
    }
    left = l;
    top = t;
    right = r;
    bottom = b;
  }

  /**
   * Writes the scene's lines with digits {@code height} pixels high (each within 7% of it), the
   * first line's baseline at page y = 0, each line starting near page x = 0.
   *
   * @param lineStep baseline to baseline, in pixels
   */
  static TextBlock write(Scene scene, double height, double lineStep, SplittableRandom random) {
    Style.Layout layout = scene.style().layout();
    Pen pen = scene.style().ink().pen();
    List<Placed> placed = new ArrayList<>();
    int[] baselines = new int[scene.lines().size()];
    for (int line = 0; line < scene.lines().size(); line++) {
      int baseline = (int) Math.round(line * lineStep);
      baselines[line] = baseline;
      double x = line == 0 ? 0 : height * uniform(random, -0.3, 1.0);
      int previousWidth = 0;
      for (Scene.Digit digit : scene.lines().get(line)) {
        double h = height * uniform(random, 0.93, 1.07);
        DigitInk ink = DigitInk.write(digit.image(), h, pen);
        int[] bounds = ink.inkBounds();
        int inkWidth = bounds[2] - bounds[0];
        if (previousWidth > 0) {
          if (layout.touching()) {
            // A few pixels, but never so much of a narrow neighbour (a 1) that its box would be
            // mostly inside the other's: scoring could then not tell them apart.
            double overlap = uniform(random, 2, Math.max(3, 0.1 * height));
            overlap = Math.max(1, Math.min(overlap, 0.3 * Math.min(previousWidth, inkWidth)));
            x -= overlap;
          } else {
            x += height * uniform(random, layout.gapMin(), layout.gapMax());
          }
        }
        int inkLeft = (int) Math.round(x);
        int inkBottom = baseline + (int) Math.round(height * uniform(random, -0.04, 0.04));
        placed.add(
            new Placed(digit, ink, inkLeft - bounds[0], inkBottom - bounds[3], line, bounds));
        x = inkLeft + inkWidth;
        previousWidth = inkWidth;
      }
    }
    return new TextBlock(placed, baselines);
  }

  /** The block moved by (dx, dy) on the page. */
  TextBlock moved(int dx, int dy) {
    List<Placed> out = new ArrayList<>();
    for (Placed p : digits) {
      out.add(new Placed(p.digit(), p.ink(), p.x() + dx, p.y() + dy, p.line(), p.inkBounds()));
    }
    int[] lines = baselines.clone();
    for (int i = 0; i < lines.length; i++) {
      lines[i] += dy;
    }
    return new TextBlock(out, lines);
  }

  private static double uniform(SplittableRandom random, double from, double to) {
    return from + (to - from) * random.nextDouble();
  }
}
