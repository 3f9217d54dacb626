package dev.handwritten.mnist.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * One frame of the demo being drawn: the serve page's look (its colours, cards, bars and the
 * network's view) in Java2D, so the video shows what the page shows.
 */
final class Frame {
  static final int WIDTH = 800;
  static final int HEIGHT = 450;

  static final Color BACKGROUND = new Color(0xF4F5F9);
  static final Color CARD = Color.WHITE;
  static final Color LINE = new Color(0xE3E5EC);
  static final Color INK = new Color(0x1C1D21);
  static final Color MUTED = new Color(0x6B6F7B);
  static final Color ACCENT = new Color(0x4338CA);
  static final Color ACCENT_LIGHT = new Color(0xA5B4FC);
  static final Color TRACK = new Color(0xEEF0F5);
  static final Color SURE = new Color(0x22C55E);
  static final Color UNSURE = new Color(0xF59E0B);
  static final Color PEN = new Color(0x11, 0x11, 0x11);

  final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
  final Graphics2D g = image.createGraphics();

  /** A frame with the header and this scene's caption at the top right. */
  Frame(String caption) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setFont(font(Font.BOLD, 22));
    g.setColor(INK);
    g.drawString("hand", 20, 36);
    int x = 20 + g.getFontMetrics().stringWidth("hand");
    g.setColor(ACCENT);
    g.drawString("written", x, 36);
    x += g.getFontMetrics().stringWidth("written") + 12;
    text("a neural network in pure Java, reading handwriting", x, 35, 13, Font.PLAIN, MUTED);
    g.setFont(font(Font.BOLD, 12));
    int w = g.getFontMetrics().stringWidth(caption) + 20;
    g.setColor(new Color(0xE0E7FF));
    g.fill(new RoundRectangle2D.Double(WIDTH - 20 - w, 18, w, 24, 12, 12));
    g.setColor(ACCENT);
    g.drawString(caption, WIDTH - 10 - w, 35);
  }

  static Font font(int style, int size) {
    return new Font(Font.SANS_SERIF, style, size);
  }

  /** A white card with a thin border, and its small upper-case title. */
  void card(int x, int y, int w, int h, String title) {
    g.setColor(CARD);
    g.fill(new RoundRectangle2D.Double(x, y, w, h, 18, 18));
    g.setColor(LINE);
    g.setStroke(new BasicStroke(1));
    g.draw(new RoundRectangle2D.Double(x, y, w, h, 18, 18));
    if (title != null) {
      text(title.toUpperCase(java.util.Locale.ROOT), x + 16, y + 24, 11, Font.BOLD, MUTED);
    }
  }

  void text(String s, int x, int y, int size, int style, Color color) {
    g.setFont(font(style, size));
    g.setColor(color);
    g.drawString(s, x, y);
  }

  /** Text ending at {@code right}. */
  void textRight(String s, int right, int y, int size, int style, Color color) {
    g.setFont(font(style, size));
    FontMetrics m = g.getFontMetrics();
    g.setColor(color);
    g.drawString(s, right - m.stringWidth(s), y);
  }

  /**
   * The ten bars, one per class, the most probable in the accent colour; empty tracks when {@code
   * probabilities} is null.
   */
  void bars(float[] probabilities, int x, int y, int trackWidth, int rowHeight) {
    int top = -1;
    if (probabilities != null) {
      top = 0;
      for (int d = 1; d < probabilities.length; d++) {
        top = probabilities[d] > probabilities[top] ? d : top;
      }
    }
    for (int d = 0; d < 10; d++) {
      int rowY = y + d * rowHeight;
      text(Integer.toString(d), x, rowY + 12, 13, Font.BOLD, INK);
      int tx = x + 20;
      g.setColor(TRACK);
      g.fill(new RoundRectangle2D.Double(tx, rowY + 2, trackWidth, 12, 12, 12));
      if (probabilities != null) {
        double p = probabilities[d];
        g.setColor(d == top ? ACCENT : ACCENT_LIGHT);
        if (p * trackWidth >= 1) {
          g.fill(new RoundRectangle2D.Double(tx, rowY + 2, p * trackWidth, 12, 12, 12));
        }
        textRight(
            percent(p),
            tx + trackWidth + 46,
            rowY + 12,
            11,
            d == top ? Font.BOLD : Font.PLAIN,
            d == top ? INK : MUTED);
      }
    }
  }

  static String percent(double p) {
    return p >= 0.995 || p < 0.005
        ? Math.round(100 * p) + "%"
        : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * p);
  }

  /** A 28 x 28 image, white ink on black as the network sees it, {@code zoom} times enlarged. */
  void seen(float[] input, int x, int y, int zoom) {
    g.setColor(Color.BLACK);
    g.fillRect(x, y, 28 * zoom, 28 * zoom);
    if (input == null) {
      return;
    }
    for (int i = 0; i < 784; i++) {
      int v = Math.round(255 * Math.max(0, Math.min(1, input[i])));
      if (v > 0) {
        g.setColor(new Color(v, v, v));
        g.fillRect(x + (i % 28) * zoom, y + (i / 28) * zoom, zoom, zoom);
      }
    }
  }

  /**
   * A saliency map over the dimmed input, as the page draws it: red where more ink raises the
   * answer's score, blue where it lowers it.
   */
  void saliency(float[] input, float[] map, int x, int y, int zoom) {
    double largest = 1e-12;
    for (float s : map) {
      largest = Math.max(largest, Math.abs(s));
    }
    for (int i = 0; i < 784; i++) {
      double ink = 90 * input[i];
      double s = map[i] / largest;
      double a = Math.min(1, Math.abs(s) * 1.25);
      int[] hue = s >= 0 ? new int[] {239, 68, 68} : new int[] {59, 130, 246};
      g.setColor(
          new Color(
              (int) (ink + a * (hue[0] - ink)),
              (int) (ink + a * (hue[1] - ink)),
              (int) (ink + a * (hue[2] - ink))));
      g.fillRect(x + (i % 28) * zoom, y + (i / 28) * zoom, zoom, zoom);
    }
  }

  BufferedImage done() {
    g.dispose();
    return image;
  }
}
