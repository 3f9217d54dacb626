package dev.handwritten.mnist.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A titled grid of one-channel images, each scaled up and captioned; mistakes get a red frame and a
 * bold red caption, so they stand out even in greyscale print.
 */
final class ImageGrid {
  /* Design notes: images are enlarged by pixel repetition (nearest neighbour), never smoothed, so
   * what you see is what the network saw. A caption is one line, "true 7 / pred 7 (99%)", unless
   * some caption in the grid would be more than twice as wide as its image (long Fashion-MNIST
   * names): then every caption breaks after the true class, so all cells keep the same shape. */

  static final int SCALE = 3;
  static final int BORDER = 3;
  private static final int GAP = 10;
  private static final int PAD = 16;
  private static final int LINE = 16;
  private static final Font CAPTION = Png.font(Font.PLAIN, 12);
  private static final Font CAPTION_WRONG = Png.font(Font.BOLD, 12);
  private static final Font TITLE = Png.font(Font.BOLD, 15);

  /**
   * One shown image.
   *
   * @param index which image of the batch
   * @param truth first half of the caption, e.g. "true 7"
   * @param separator between the halves on one line, e.g. " / "
   * @param prediction second half, e.g. "pred 7 (99%)"
   * @param wrong whether to mark it as a mistake
   */
  record Tile(int index, String truth, String separator, String prediction, boolean wrong) {
    String caption() {
      return truth + separator + prediction;
    }
  }

  private final float[] images; // (N, rows, cols)
  private final int rows;
  private final int cols;
  private final String title;
  private final List<Tile> tiles;
  private final boolean twoLines;
  private final int cellWidth;
  private final int cellHeight;
  private final int columns;
  private final int gridLeft;
  private final int gridTop;
  private final int width;
  private final int height;

  ImageGrid(float[] images, int rows, int cols, String title, List<Tile> tiles) {
    this(images, rows, cols, title, tiles, 0);
  }

  /**
   * @param columns tiles per row; 0 for a square-ish grid
   */
  ImageGrid(float[] images, int rows, int cols, String title, List<Tile> tiles, int columns) {
    this.images = images;
    this.rows = rows;
    this.cols = cols;
    this.title = title;
    this.tiles = List.copyOf(tiles);
    Graphics2D scratch = Png.graphics(Png.canvas(1, 1));
    FontMetrics captionMetrics = scratch.getFontMetrics(CAPTION_WRONG);
    int titleWidth = scratch.getFontMetrics(TITLE).stringWidth(title);
    scratch.dispose();

    int imageWidth = cols * SCALE;
    boolean anyTooWide = false;
    for (Tile t : this.tiles) {
      anyTooWide |= captionMetrics.stringWidth(t.caption()) > 2 * imageWidth;
    }
    twoLines = anyTooWide;
    int captionWidth = 0;
    for (Tile t : this.tiles) {
      for (String line : lines(t)) {
        captionWidth = Math.max(captionWidth, captionMetrics.stringWidth(line));
      }
    }
    cellWidth = Math.max(imageWidth + 2 * BORDER, captionWidth + 4);
    cellHeight = rows * SCALE + 2 * BORDER + 4 + (twoLines ? 2 : 1) * LINE;
    int n = this.tiles.size();
    this.columns = columns > 0 ? columns : Math.max(1, Math.min(n, (int) Math.ceil(Math.sqrt(n))));
    int gridRows = (n + this.columns - 1) / this.columns;
    int gridWidth = this.columns * cellWidth + (this.columns - 1) * GAP;
    width = Math.max(gridWidth, titleWidth) + 2 * PAD;
    gridLeft = (width - gridWidth) / 2;
    gridTop = PAD + 30;
    height = gridTop + gridRows * cellHeight + Math.max(0, gridRows - 1) * GAP + PAD;
  }

  List<Tile> tiles() {
    return tiles;
  }

  /** Where tile {@code t}'s scaled image lies in the rendered picture, without its frame. */
  Rectangle imageBounds(int t) {
    int cellX = gridLeft + (t % columns) * (cellWidth + GAP);
    int cellY = gridTop + (t / columns) * (cellHeight + GAP);
    int imageWidth = cols * SCALE;
    return new Rectangle(
        cellX + (cellWidth - imageWidth) / 2, cellY + BORDER, imageWidth, rows * SCALE);
  }

  BufferedImage render() {
    BufferedImage out = Png.canvas(width, height);
    Graphics2D g = Png.graphics(out);
    g.setFont(TITLE);
    g.setColor(Png.INK);
    g.drawString(title, PAD, PAD + g.getFontMetrics().getAscent());
    for (int t = 0; t < tiles.size(); t++) {
      Tile tile = tiles.get(t);
      Rectangle r = imageBounds(t);
      if (tile.wrong()) {
        g.setColor(Png.WRONG);
        g.fillRect(r.x - BORDER, r.y - BORDER, r.width + 2 * BORDER, r.height + 2 * BORDER);
      }
      paintImage(out, tile.index(), r.x, r.y);
      g.setFont(tile.wrong() ? CAPTION_WRONG : CAPTION);
      g.setColor(tile.wrong() ? Png.WRONG : Png.INK);
      FontMetrics fm = g.getFontMetrics();
      int baseline = r.y + r.height + BORDER + 4 + fm.getAscent();
      for (String line : lines(tile)) {
        g.drawString(line, r.x + (r.width - fm.stringWidth(line)) / 2, baseline);
        baseline += LINE;
      }
    }
    g.dispose();
    return out;
  }

  /** A small picture holding one line of text, for when there is nothing to show. */
  static BufferedImage notice(String text) {
    Graphics2D scratch = Png.graphics(Png.canvas(1, 1));
    int textWidth = scratch.getFontMetrics(TITLE).stringWidth(text);
    scratch.dispose();
    BufferedImage out = Png.canvas(textWidth + 2 * PAD, 60);
    Graphics2D g = Png.graphics(out);
    g.setFont(TITLE);
    g.setColor(Png.INK);
    g.drawString(text, PAD, 30 + g.getFontMetrics().getAscent() / 2);
    g.dispose();
    return out;
  }

  private List<String> lines(Tile t) {
    return twoLines ? List.of(t.truth(), t.prediction()) : List.of(t.caption());
  }

  /** Copies image {@code n}, white-on-black in [0, 1], enlarged SCALE times, to (x, y). */
  private void paintImage(BufferedImage out, int n, int x, int y) {
    int offset = n * rows * cols;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        float v = images[offset + i * cols + j];
        // NaN fails both comparisons and lands on 0 (black), like an empty pixel.
        int grey = v > 0 ? Math.round(Math.min(v, 1f) * 255) : 0;
        int rgb = grey << 16 | grey << 8 | grey;
        for (int dy = 0; dy < SCALE; dy++) {
          for (int dx = 0; dx < SCALE; dx++) {
            out.setRGB(x + j * SCALE + dx, y + i * SCALE + dy, rgb);
          }
        }
      }
    }
  }
}
