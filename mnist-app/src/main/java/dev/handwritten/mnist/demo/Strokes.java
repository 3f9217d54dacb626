package dev.handwritten.mnist.demo;

import dev.handwritten.mnist.page.Thinning;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Pen strokes that redraw a 28 x 28 digit: its skeleton, traced into polylines the way a hand would
 * write it, starting at the top left. MNIST keeps only the ink, not how it was written, so the demo
 * and the browser tests redraw its digits from these.
 *
 * <pre>{@code
 * List<List<Strokes.Point>> strokes = Strokes.of(sevenFromMnist);  // usually one stroke for a 7
 * strokes.getFirst().getFirst();   // Point[x=5.9, y=7.1]: where the pen goes down, in pixels
 * }</pre>
 */
public final class Strokes {
  /* Design notes: the digit is enlarged four times before thinning, so the skeleton is smooth
   * and its corners are where the strokes' corners are; tracing walks from an end of the
   * skeleton, at each step to the unvisited neighbour that turns least, and lifts the pen where
   * none is left. Loops with no end (a 0, the bowl of a 6) start at their topmost pixel. */

  /** How much the digit is enlarged before thinning. */
  static final int ZOOM = 4;

  /** Ink above this (after enlarging) is part of the shape that is thinned. */
  static final float INK = 0.35f;

  private Strokes() {}

  /**
   * A point of a stroke, in the 28 x 28 field's pixels: (0, 0) its top left corner.
   *
   * @param x across
   * @param y down
   */
  public record Point(double x, double y) {}

  /**
   * The strokes that redraw {@code image}, in writing order.
   *
   * @param image 28 x 28 values in [0, 1], ink high, row by row
   * @return one polyline per stroke, each of at least two points; empty for a blank image
   */
  public static List<List<Point>> of(float[] image) {
    if (image.length != 28 * 28) {
      throw new IllegalArgumentException(
          "Strokes: expected a 28 x 28 image of 784 values, got " + image.length);
    }
    int side = 28 * ZOOM;
    boolean[] on = new boolean[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        on[y * side + x] = bilinear(image, (x + 0.5) / ZOOM - 0.5, (y + 0.5) / ZOOM - 0.5) > INK;
      }
    }
    boolean[] skeleton = Thinning.skeleton(on, side, side);
    List<List<Point>> strokes = new ArrayList<>();
    boolean[] visited = new boolean[skeleton.length];
    while (true) {
      int start = nextStart(skeleton, visited, side);
      if (start < 0) {
        break;
      }
      List<int[]> path = trace(skeleton, visited, side, start);
      if (path.size() >= 2 * ZOOM) {
        strokes.add(simplify(path));
      }
    }
    return List.copyOf(strokes);
  }

  /**
   * The strokes drawn the way the serve page draws them: dark ink on white, a round pen a fifteenth
   * of the side wide.
   *
   * @param strokes in the 28 x 28 field's pixels; may be a drawing in progress
   * @param side the picture's width and height in pixels
   */
  public static BufferedImage picture(List<List<Point>> strokes, int side) {
    BufferedImage picture = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, side, side);
    draw(g, strokes, side / 28.0, new Color(0x11, 0x11, 0x11));
    g.dispose();
    return picture;
  }

  /**
   * Draws strokes with a round pen a fifteenth of the field (28 pixels times {@code scale}) wide.
   *
   * @param scale the drawing's pixels per field pixel
   */
  public static void draw(Graphics2D g, List<List<Point>> strokes, double scale, Color ink) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(ink);
    g.setStroke(
        new BasicStroke((float) (28 * scale / 15), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (List<Point> stroke : strokes) {
      if (stroke.isEmpty()) {
        continue;
      }
      Path2D.Double path = new Path2D.Double();
      path.moveTo(stroke.getFirst().x() * scale, stroke.getFirst().y() * scale);
      for (Point p : stroke) {
        path.lineTo(p.x() * scale, p.y() * scale);
      }
      g.draw(path);
    }
  }

  /**
   * Where the next stroke starts: the unvisited end (a pixel with one unvisited neighbour) nearest
   * the top left, or the topmost unvisited pixel of a closed loop; -1 when all is traced.
   */
  private static int nextStart(boolean[] skeleton, boolean[] visited, int side) {
    int best = -1;
    double bestScore = Double.MAX_VALUE;
    int loop = -1;
    for (int i = 0; i < skeleton.length; i++) {
      if (!skeleton[i] || visited[i]) {
        continue;
      }
      loop = loop < 0 ? i : loop;
      if (unvisitedNeighbours(skeleton, visited, side, i).size() <= 1) {
        double score = i / side + 0.5 * (i % side); // top first, then left
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
    }
    return best >= 0 ? best : loop;
  }

  /** The pen's path from {@code start} until no unvisited neighbour is left. */
  private static List<int[]> trace(boolean[] skeleton, boolean[] visited, int side, int start) {
    List<int[]> path = new ArrayList<>();
    int current = start;
    double dx = 0;
    double dy = 0;
    while (current >= 0) {
      visited[current] = true;
      int x = current % side;
      int y = current / side;
      path.add(new int[] {x, y});
      int next = -1;
      double bestTurn = Double.MAX_VALUE;
      for (int n : unvisitedNeighbours(skeleton, visited, side, current)) {
        double nx = n % side - x;
        double ny = n / side - y;
        // Least turn from the way the pen was going; straight neighbours before diagonal ones.
        double turn = -(nx * dx + ny * dy) / Math.hypot(nx, ny) + 0.01 * Math.hypot(nx, ny);
        if (turn < bestTurn) {
          bestTurn = turn;
          next = n;
        }
      }
      if (next >= 0) {
        // The direction, smoothed over the last few steps.
        dx = 0.6 * dx + 0.4 * (next % side - x);
        dy = 0.6 * dy + 0.4 * (next / side - y);
        // Neighbours passed by are ink the pen covers; they must not start strokes of their own.
        for (int n : unvisitedNeighbours(skeleton, visited, side, current)) {
          if (n != next && isNeighbour(n, next, side)) {
            visited[n] = true;
          }
        }
      }
      current = next;
    }
    return path;
  }

  private static boolean isNeighbour(int a, int b, int side) {
    return Math.abs(a % side - b % side) <= 1 && Math.abs(a / side - b / side) <= 1;
  }

  private static List<Integer> unvisitedNeighbours(
      boolean[] skeleton, boolean[] visited, int side, int i) {
    List<Integer> out = new ArrayList<>(8);
    int x = i % side;
    int y = i / side;
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int xx = x + dx;
        int yy = y + dy;
        if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < side && yy < side) {
          int n = yy * side + xx;
          if (skeleton[n] && !visited[n]) {
            out.add(n);
          }
        }
      }
    }
    return out;
  }

  /** Every ZOOM-th point and the last, back in the field's pixels (pixel centres). */
  private static List<Point> simplify(List<int[]> path) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      if (i % ZOOM == 0 || i == path.size() - 1) {
        int[] p = path.get(i);
        points.add(new Point((p[0] + 0.5) / ZOOM, (p[1] + 0.5) / ZOOM));
      }
    }
    return List.copyOf(points);
  }

  private static float bilinear(float[] image, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    return (float)
        ((1 - fx) * (1 - fy) * at(image, x0, y0)
            + fx * (1 - fy) * at(image, x0 + 1, y0)
            + (1 - fx) * fy * at(image, x0, y0 + 1)
            + fx * fy * at(image, x0 + 1, y0 + 1));
  }

  private static float at(float[] image, int x, int y) {
    return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0 : image[y * 28 + x];
  }
}
