package dev.handwritten.mnist.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A confusion matrix as an annotated heat map: rows are true classes, columns predicted ones. */
final class Heatmap {
  /* Design notes: a good model puts ~1000 images on each diagonal cell and 0-10 elsewhere, so a
   * linear colour scale would show the diagonal and nothing else. Counts are coloured on a log
   * scale and every non-zero count starts at FLOOR, so a single mistake is a visible tint while an
   * empty cell stays white. Each cell also carries its count, so no reading depends on colour. */

  static final double FLOOR = 0.2;
  private static final int PAD = 16;
  private static final int GAP = 6;
  private static final int TITLE_HEIGHT = 30;
  private static final int BAR_WIDTH = 16;
  private static final Font TITLE = Png.font(Font.BOLD, 15);
  private static final Font AXIS = Png.font(Font.BOLD, 13);
  private static final Font LABEL = Png.font(Font.PLAIN, 12);
  private static final Font TICK = Png.font(Font.PLAIN, 11);
  private static final Color ZERO_TEXT = new Color(0xB0, 0xB0, 0xB0);
  private static final Color GRID = new Color(0xD8, 0xD8, 0xD8);
  // ColorBrewer "Blues", the usual confusion-matrix palette: white to dark blue.
  private static final int[] BLUES = {
    0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B
  };

  private final int[][] counts; // (n, n): [true][predicted]
  private final List<String> names;
  private final int n;
  private final int max;
  private final String title;
  private final int cell;
  private final Font countFont;
  private final boolean annotated; // false when even the smallest font cannot fit the counts
  private final boolean verticalColumnLabels;
  private final int rowLabelWidth;
  private final int columnLabelHeight;
  private final int tickWidth;
  private final int gridLeft;
  private final int gridTop;
  private final int width;
  private final int height;

  /** {@code counts} must be square and non-negative, {@code names} one per class. */
  Heatmap(int[][] counts, List<String> names) {
    this.counts = counts;
    this.names = List.copyOf(names);
    n = counts.length;
    long total = 0;
    long correct = 0;
    int largest = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        total += counts[i][j];
        largest = Math.max(largest, counts[i][j]);
      }
      correct += counts[i][i];
    }
    max = largest;
    title =
        total == 0
            ? "Confusion matrix: no images"
            : String.format(
                Locale.ROOT,
                "Confusion matrix: %,d of %,d correct (%.2f%%)",
                correct,
                total,
                100.0 * correct / total);
    cell = n <= 10 ? 52 : Math.max(14, 560 / n);

    Graphics2D scratch = Png.graphics(Png.canvas(1, 1));
    FontMetrics label = scratch.getFontMetrics(LABEL);
    int widestName = 0;
    for (String name : this.names) {
      widestName = Math.max(widestName, label.stringWidth(name));
    }
    int countSize = countFontSize(scratch, Integer.toString(max), cell - 4);
    annotated = countSize > 0;
    countFont = Png.font(Font.PLAIN, Math.max(countSize, 8));
    int titleWidth = scratch.getFontMetrics(TITLE).stringWidth(title);
    int axisHeight = scratch.getFontMetrics(AXIS).getHeight();
    tickWidth = scratch.getFontMetrics(TICK).stringWidth(Integer.toString(max));
    scratch.dispose();

    verticalColumnLabels = widestName > cell - 6;
    rowLabelWidth = widestName;
    columnLabelHeight = verticalColumnLabels ? widestName : label.getHeight();
    int gridSize = n * cell;
    int right = GAP * 3 + BAR_WIDTH + 4 + tickWidth + GAP + axisHeight;
    int needed = PAD + axisHeight + GAP + rowLabelWidth + GAP + gridSize + right + PAD;
    width = Math.max(needed, titleWidth + 2 * PAD);
    gridLeft = PAD + axisHeight + GAP + rowLabelWidth + GAP + (width - needed) / 2;
    gridTop = PAD + TITLE_HEIGHT;
    height = gridTop + gridSize + GAP + columnLabelHeight + GAP + axisHeight + PAD;
  }

  /** Where the cell for true class {@code row} and predicted class {@code col} is drawn. */
  Rectangle cellBounds(int row, int col) {
    return new Rectangle(gridLeft + col * cell, gridTop + row * cell, cell, cell);
  }

  /** Colour-scale position in [0, 1] of {@code count} when the largest cell holds {@code max}. */
  static double intensity(int count, int max) {
    if (count <= 0) {
      return 0;
    }
    if (max <= 1) {
      return 1;
    }
    return FLOOR + (1 - FLOOR) * Math.log(count) / Math.log(max);
  }

  /** The "Blues" colour at {@code t} in [0, 1], linearly interpolated between its stops. */
  static Color colour(double t) {
    double x = Math.clamp(t, 0, 1) * (BLUES.length - 1);
    int i = Math.min((int) x, BLUES.length - 2);
    double f = x - i;
    int a = BLUES[i];
    int b = BLUES[i + 1];
    return new Color(
        mix(a >> 16 & 0xFF, b >> 16 & 0xFF, f),
        mix(a >> 8 & 0xFF, b >> 8 & 0xFF, f),
        mix(a & 0xFF, b & 0xFF, f));
  }

  BufferedImage render() {
    BufferedImage out = Png.canvas(width, height);
    Graphics2D g = Png.graphics(out);
    g.setFont(TITLE);
    g.setColor(Png.INK);
    g.drawString(title, PAD, PAD + g.getFontMetrics().getAscent());
    paintCells(g);
    paintLabels(g);
    paintColourBar(g);
    g.dispose();
    return out;
  }

  private void paintCells(Graphics2D g) {
    g.setFont(countFont);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Rectangle r = cellBounds(i, j);
        double t = intensity(counts[i][j], max);
        g.setColor(colour(t));
        g.fill(r);
        g.setColor(GRID);
        g.drawRect(r.x, r.y, r.width, r.height);
        if (annotated) {
          String text = Integer.toString(counts[i][j]);
          g.setColor(counts[i][j] == 0 ? ZERO_TEXT : t > 0.55 ? Color.WHITE : Png.INK);
          g.drawString(
              text,
              r.x + (r.width - fm.stringWidth(text)) / 2,
              r.y + (r.height + fm.getAscent() - fm.getDescent()) / 2);
        }
      }
    }
  }

  private void paintLabels(Graphics2D g) {
    int gridSize = n * cell;
    g.setColor(Png.INK);
    g.setFont(LABEL);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < n; i++) {
      String name = names.get(i);
      int rowBaseline = gridTop + i * cell + (cell + fm.getAscent() - fm.getDescent()) / 2;
      g.drawString(name, gridLeft - GAP - fm.stringWidth(name), rowBaseline);
      int columnCentre = gridLeft + i * cell + cell / 2;
      if (verticalColumnLabels) {
        // Read bottom to top, ending just under the grid, like a rotated axis in matplotlib.
        int x = columnCentre + (fm.getAscent() - fm.getDescent()) / 2;
        int y = gridTop + gridSize + GAP + fm.stringWidth(name);
        drawRotated(g, name, x, y);
      } else {
        g.drawString(
            name,
            columnCentre - fm.stringWidth(name) / 2,
            gridTop + gridSize + GAP + fm.getAscent());
      }
    }
    g.setFont(AXIS);
    fm = g.getFontMetrics();
    int bottom = gridTop + gridSize + GAP + columnLabelHeight + GAP;
    g.drawString(
        "predicted",
        gridLeft + (gridSize - fm.stringWidth("predicted")) / 2,
        bottom + fm.getAscent());
    drawRotated(
        g,
        "true",
        gridLeft - GAP - rowLabelWidth - GAP - fm.getDescent(),
        gridTop + (gridSize + fm.stringWidth("true")) / 2);
  }

  /** A vertical bar from 0 (bottom) to the largest count (top), ticked at 0, powers of 10, max. */
  private void paintColourBar(Graphics2D g) {
    int gridSize = n * cell;
    int x = gridLeft + gridSize + GAP * 3;
    for (int y = 0; y < gridSize; y++) {
      g.setColor(colour(1 - (double) y / (gridSize - 1)));
      g.fillRect(x, gridTop + y, BAR_WIDTH, 1);
    }
    g.setColor(GRID);
    g.drawRect(x, gridTop, BAR_WIDTH, gridSize);
    g.setFont(TICK);
    g.setColor(Png.INK);
    FontMetrics fm = g.getFontMetrics();
    int maxY = tickY(max, gridSize);
    for (int value : ticks()) {
      int y = tickY(value, gridSize);
      if (value != max && value != 0 && Math.abs(y - maxY) < fm.getHeight()) {
        continue; // would overprint the label of the largest count
      }
      g.drawLine(x + BAR_WIDTH, y, x + BAR_WIDTH + 3, y);
      g.drawString(Integer.toString(value), x + BAR_WIDTH + 5, y + fm.getAscent() / 2 - 1);
    }
    g.setFont(AXIS);
    FontMetrics axis = g.getFontMetrics();
    String caption = "count (log scale)";
    drawRotated(
        g,
        caption,
        x + BAR_WIDTH + 4 + tickWidth + GAP + axis.getAscent(),
        gridTop + (gridSize + axis.stringWidth(caption)) / 2);
  }

  private List<Integer> ticks() {
    List<Integer> ticks = new ArrayList<>(List.of(0));
    for (long p = 1; p < max; p *= 10) {
      ticks.add((int) p);
    }
    if (max > 0) {
      ticks.add(max);
    }
    return ticks;
  }

  private int tickY(int value, int gridSize) {
    return gridTop + (int) Math.round((1 - intensity(value, max)) * (gridSize - 1));
  }

  /** Draws {@code text} turned a quarter left, its baseline start at (x, y). */
  private static void drawRotated(Graphics2D g, String text, int x, int y) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(-Math.PI / 2);
    g.drawString(text, 0, 0);
    g.setTransform(saved);
  }

  /** The largest font size, 12 down to 8, at which the widest count fits; 0 if none does. */
  private static int countFontSize(Graphics2D g, String widest, int room) {
    for (int size = 12; size >= 8; size--) {
      if (g.getFontMetrics(Png.font(Font.PLAIN, size)).stringWidth(widest) <= room) {
        return size;
      }
    }
    return 0;
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }
}
