package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.imaging.Filters;
import java.util.List;
import java.util.function.IntPredicate;

/** The ink of all the digits on one page-aligned canvas, sampled where the camera looks. */
final class InkCanvas {
  private final float[] coverage; // [height, width]
  private final int left; // page x of the canvas's first column
  private final int top;
  private final int width;
  private final int height;

  private InkCanvas(float[] coverage, int left, int top, int width, int height) {
    this.coverage = coverage;
    this.left = left;
    this.top = top;
    this.width = width;
    this.height = height;
  }

  /**
   * The digits {@code drawn} accepts (by index, line after line), each patch laid where the block
   * placed it; where two overlap, the stronger stroke.
   */
  static InkCanvas of(TextBlock text, IntPredicate drawn) {
    List<TextBlock.Placed> digits = text.digits;
    int l = Integer.MAX_VALUE;
    int t = Integer.MAX_VALUE;
    int r = Integer.MIN_VALUE;
    int b = Integer.MIN_VALUE;
    for (TextBlock.Placed p : digits) {
      l = Math.min(l, p.x());
      t = Math.min(t, p.y());
      r = Math.max(r, p.x() + p.ink().width());
      b = Math.max(b, p.y() + p.ink().height());
    }
    int w = r - l;
    int h = b - t;
    float[] canvas = new float[w * h];
    for (int k = 0; k < digits.size(); k++) {
      if (!drawn.test(k)) {
        continue;
      }
      TextBlock.Placed p = digits.get(k);
      DigitInk ink = p.ink();
      for (int y = 0; y < ink.height(); y++) {
        int row = (p.y() - t + y) * w + (p.x() - l);
        for (int x = 0; x < ink.width(); x++) {
          canvas[row + x] = Math.max(canvas[row + x], ink.coverage()[y * ink.width() + x]);
        }
      }
    }
    return new InkCanvas(canvas, l, t, w, h);
  }

  /** The ink's coverage at page point (u, v), bilinear between pixel centres; 0 off the canvas. */
  double coverage(double u, double v) {
    double x = u - left - 0.5;
    double y = v - top - 0.5;
    if (x < -1 || y < -1 || x > width || y > height) {
      return 0;
    }
    return Filters.sample(coverage, width, height, x, y);
  }
}
