package dev.handwritten.mnist.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stages 4 and 5 of reading a page: from pieces of ink to lines of glyphs. Specks and what is left
 * of printed lines are dropped by their size relative to the writing (never by a fixed number of
 * pixels, since the same digit is 20 pixels high in one photo and 200 in the next); the pieces are
 * grouped into lines of writing; and the pieces of one line that stand one above the other (a 5's
 * detached bar, the dots of a broken pencil stroke) are joined into one glyph, each glyph a
 * candidate digit. Lines are ordered top to bottom, glyphs left to right.
 */
final class Layout {
  private Layout() {}

  /**
   * A candidate digit: one or more pieces of ink.
   *
   * @param box around all its pieces
   * @param labels its pieces' labels in the {@link Components}
   * @param area its pixels
   */
  record Glyph(Box box, List<Integer> labels, int area) {
    Glyph join(Glyph other) {
      List<Integer> all = new ArrayList<>(labels);
      all.addAll(other.labels);
      return new Glyph(box.union(other.box), List.copyOf(all), area + other.area);
    }
  }

  /** A line of writing, its glyphs left to right. */
  record Line(List<Glyph> glyphs) {
    int height() {
      int top = Integer.MAX_VALUE;
      int bottom = 0;
      for (Glyph g : glyphs) {
        top = Math.min(top, g.box.y());
        bottom = Math.max(bottom, g.box.bottom());
      }
      return bottom - top;
    }
  }

  /** The lines of writing among the pieces; empty if there is none. */
  static List<Line> lines(Components components) {
    List<Components.Piece> pieces = new ArrayList<>();
    for (Components.Piece p : components.pieces()) {
      if (!isFrame(p, components.width(), components.height())) {
        pieces.add(p);
      }
    }
    double h = textHeight(pieces);
    if (Double.isNaN(h)) {
      return List.of();
    }
    List<Components.Piece> kept = new ArrayList<>();
    for (Components.Piece p : pieces) {
      if (!isNoise(p, h, components.width(), components.height())) {
        kept.add(p);
      }
    }
    List<List<Components.Piece>> rows = rows(kept, h);
    List<Line> lines = new ArrayList<>();
    for (List<Components.Piece> row : rows) {
      List<Glyph> glyphs = glyphs(row);
      int lineHeight = new Line(glyphs).height();
      List<Glyph> digits = new ArrayList<>();
      for (Glyph g : glyphs) {
        // A mark much smaller than the line's writing is a speck or a stray dot, not a digit.
        if (g.box().height() >= 0.3 * lineHeight || g.box().width() >= 0.5 * lineHeight) {
          digits.add(g);
        }
      }
      if (!digits.isEmpty()) {
        lines.add(new Line(List.copyOf(digits)));
      }
    }
    lines.sort(Comparator.comparingDouble(l -> l.glyphs().getFirst().box().y()));
    return List.copyOf(lines);
  }

  /**
   * The writing's height: the median height of the pieces, each counted by its area, so that a
   * handful of large digits outweighs any number of specks. Straight lines (eight times longer than
   * thick) more than three times longer than the other pieces are high are left out: the two edges
   * of a small sheet on a table can hold as much ink as the number on it, and taken for the
   * writing's height they make its digits specks. NaN when there are no pieces.
   */
  static double textHeight(List<Components.Piece> pieces) {
    List<Components.Piece> compact = pieces.stream().filter(p -> !isStraightLine(p.box())).toList();
    if (compact.isEmpty()) {
      return medianHeightByArea(pieces);
    }
    double compactHeight = medianHeightByArea(compact);
    return medianHeightByArea(
        pieces.stream()
            .filter(
                p ->
                    !isStraightLine(p.box())
                        || Math.max(p.box().width(), p.box().height()) <= 3 * compactHeight)
            .toList());
  }

  private static boolean isStraightLine(Box b) {
    return Math.max(b.width(), b.height()) >= 8 * Math.min(b.width(), b.height());
  }

  private static double medianHeightByArea(List<Components.Piece> pieces) {
    long total = 0;
    for (Components.Piece p : pieces) {
      total += p.area();
    }
    if (total == 0) {
      return Double.NaN;
    }
    List<Components.Piece> byHeight = new ArrayList<>(pieces);
    byHeight.sort(Comparator.comparingInt(p -> p.box().height()));
    long seen = 0;
    for (Components.Piece p : byHeight) {
      seen += p.area();
      if (2 * seen >= total) {
        return p.box().height();
      }
    }
    return byHeight.getLast().box().height();
  }

  /**
   * The sheet's edge, the table beyond it, a shadow's edge: a piece that touches the picture's
   * border and spans more than half of it. Left in, its size would be taken for the writing's.
   */
  private static boolean isFrame(Components.Piece p, int width, int height) {
    Box b = p.box();
    boolean atEdge = b.x() == 0 || b.y() == 0 || b.right() == width || b.bottom() == height;
    return atEdge && (b.width() > width / 2 || b.height() > height / 2);
  }

  /** Specks, the sheet's edges and what remains of printed lines. */
  private static boolean isNoise(Components.Piece p, double h, int width, int height) {
    Box b = p.box();
    int longer = Math.max(b.width(), b.height());
    if (p.area() < 4 || longer < 0.08 * h) {
      return true; // a speck
    }
    boolean atEdge = b.x() == 0 || b.y() == 0 || b.right() == width || b.bottom() == height;
    if (atEdge && longer > 3 * h) {
      return true; // the sheet's edge, or the table beyond it
    }
    if (b.height() > 4 * h || b.width() > 12 * h) {
      return true; // a shadow's edge, a fold, a frame
    }
    // What is left of a printed line: flat and thin, and wider than a digit's bar, or tall and
    // thin beyond any digit's height.
    boolean flatLine = b.width() >= 5 * b.height() && b.height() <= Math.max(3, 0.12 * h);
    boolean tallLine = b.height() >= 6 * b.width() && b.width() <= Math.max(3, 0.12 * h);
    return flatLine && b.width() > 0.8 * h || tallLine && b.height() > 1.6 * h;
  }

  /**
   * Groups pieces into rows of writing: a piece joins the row whose pieces near it (within three
   * text heights across) overlap it most in height, at least half its own height; rows follow a
   * slightly slanted line of writing, since each piece is compared with its neighbours only.
   */
  private static List<List<Components.Piece>> rows(List<Components.Piece> pieces, double h) {
    // The tallest pieces first: digits set out the rows, and a 5's bar or a dot then joins the row
    // it stands in, rather than starting one of its own.
    List<Components.Piece> bySize = new ArrayList<>(pieces);
    bySize.sort(Comparator.comparingInt((Components.Piece p) -> -p.box().height()));
    List<List<Components.Piece>> rows = new ArrayList<>();
    for (Components.Piece p : bySize) {
      List<Components.Piece> best = null;
      double bestOverlap = 0;
      for (List<Components.Piece> row : rows) {
        int top = Integer.MAX_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (Components.Piece q : row) {
          if (horizontalGap(p.box(), q.box()) <= 3 * h) {
            top = Math.min(top, q.box().y());
            bottom = Math.max(bottom, q.box().bottom());
          }
        }
        double overlap = Math.min(bottom, p.box().bottom()) - Math.max(top, p.box().y());
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          best = row;
        }
      }
      if (best == null || bestOverlap < 0.5 * Math.min(p.box().height(), h)) {
        best = p.box().height() < 0.5 * h ? rowBelowOrAbove(rows, p, h) : null;
      }
      if (best != null) {
        best.add(p);
      } else {
        List<Components.Piece> row = new ArrayList<>();
        row.add(p);
        rows.add(row);
      }
    }
    return mergeOverlapping(rows);
  }

  /**
   * The row of a piece just below or above a short one, sharing some of its width: where a 5's bar,
   * written apart, or a dot over a broken stroke belongs; null if there is none within a third of a
   * text height.
   */
  private static List<Components.Piece> rowBelowOrAbove(
      List<List<Components.Piece>> rows, Components.Piece p, double h) {
    List<Components.Piece> nearest = null;
    double nearestGap = 0.34 * h;
    for (List<Components.Piece> row : rows) {
      for (Components.Piece q : row) {
        int shared =
            Math.min(p.box().right(), q.box().right()) - Math.max(p.box().x(), q.box().x());
        int gap = Math.max(q.box().y() - p.box().bottom(), p.box().y() - q.box().bottom());
        if (shared > 0 && gap < nearestGap) {
          nearestGap = gap;
          nearest = row;
        }
      }
    }
    return nearest;
  }

  /**
   * Joins rows that share most of their height: two ends of one line of writing that started as
   * separate rows because the digits between them came later.
   */
  private static List<List<Components.Piece>> mergeOverlapping(List<List<Components.Piece>> rows) {
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int i = 0; i < rows.size() && !merged; i++) {
        for (int j = i + 1; j < rows.size() && !merged; j++) {
          int[] a = span(rows.get(i));
          int[] b = span(rows.get(j));
          int shared = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
          if (shared >= 0.5 * Math.min(a[1] - a[0], b[1] - b[0])) {
            rows.get(i).addAll(rows.remove(j));
            merged = true;
          }
        }
      }
    }
    return rows;
  }

  /** The top and bottom of a row. */
  private static int[] span(List<Components.Piece> row) {
    int top = Integer.MAX_VALUE;
    int bottom = Integer.MIN_VALUE;
    for (Components.Piece p : row) {
      top = Math.min(top, p.box().y());
      bottom = Math.max(bottom, p.box().bottom());
    }
    return new int[] {top, bottom};
  }

  private static int horizontalGap(Box a, Box b) {
    return Math.max(0, Math.max(a.x(), b.x()) - Math.min(a.right(), b.right()));
  }

  /**
   * Joins the pieces of a row that stand over one another into glyphs, left to right: two pieces
   * join when they share at least half the narrower one's width, unless together they would be
   * wider than the line is high (a 7's long bar over a neighbouring 1 stays apart).
   */
  private static List<Glyph> glyphs(List<Components.Piece> row) {
    int top = Integer.MAX_VALUE;
    int bottom = Integer.MIN_VALUE;
    for (Components.Piece p : row) {
      top = Math.min(top, p.box().y());
      bottom = Math.max(bottom, p.box().bottom());
    }
    int lineHeight = bottom - top;
    List<Components.Piece> byLeft = new ArrayList<>(row);
    byLeft.sort(Comparator.comparingInt((Components.Piece p) -> p.box().x()));
    List<Glyph> glyphs = new ArrayList<>();
    for (Components.Piece p : byLeft) {
      Glyph piece = new Glyph(p.box(), List.of(p.label()), p.area());
      Glyph into = null;
      for (Glyph g : glyphs) {
        int shared =
            Math.min(g.box().right(), p.box().right()) - Math.max(g.box().x(), p.box().x());
        int narrower = Math.min(g.box().width(), p.box().width());
        int joinedWidth = g.box().union(p.box()).width();
        // A short piece (a 5's bar, a fragment of a broken stroke) joins whatever it stands over;
        // so does a piece stacked on another, its middle near the other's (a 1 broken in two).
        boolean shortOne =
            Math.min(g.box().height(), p.box().height()) < 0.5 * lineHeight && shared > 0;
        int sharedHeight =
            Math.min(g.box().bottom(), p.box().bottom()) - Math.max(g.box().y(), p.box().y());
        double centres =
            Math.abs(g.box().x() + g.box().width() / 2.0 - p.box().x() - p.box().width() / 2.0);
        boolean stacked =
            sharedHeight <= 0.3 * Math.min(g.box().height(), p.box().height())
                && centres < 0.35 * lineHeight;
        // Two pieces of one thin stroke: together still a thin upright stroke (a slanted 1).
        Box union = g.box().union(p.box());
        boolean oneStroke = union.width() <= 0.35 * union.height() && shared > -0.1 * lineHeight;
        if ((shared >= 0.5 * narrower || shortOne || stacked || oneStroke)
            && joinedWidth <= lineHeight) {
          into = g;
          break;
        }
      }
      if (into == null) {
        glyphs.add(piece);
      } else {
        glyphs.set(glyphs.indexOf(into), into.join(piece));
      }
    }
    glyphs.sort(Comparator.comparingInt(g -> g.box().x()));
    return glyphs;
  }
}
