package dev.handwritten.mnist.page;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws what the reader found onto a copy of the picture: a box around each digit with its answer
 * and probability above it, green when sure, orange when unsure, and the number read at the top, so
 * a person sees at a glance what was read where.
 */
public final class Annotations {
  private static final Color SURE = new Color(0x1B, 0x9E, 0x3E);
  private static final Color UNSURE = new Color(0xE6, 0x7E, 0x22);
  private static final Color REJECTED = new Color(0xC0, 0x39, 0x2B);

  private Annotations() {}

  /** The picture with the reading drawn on it; boxes in the picture's pixels. */
  public static BufferedImage draw(BufferedImage picture, PageReading reading) {
    int w = picture.getWidth();
    int h = picture.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(picture, 0, 0, null);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    double scale = reading.width() == 0 ? 1 : w / (double) reading.width();
    float thickness = (float) Math.max(2, Math.min(w, h) / 300.0);
    g.setStroke(new BasicStroke(thickness));
    for (ReadDigit d : reading.lines().stream().flatMap(l -> l.digits().stream()).toList()) {
      Box b = d.box().scaled(scale);
      boolean sure = d.recognition().probability() >= 0.9;
      Color color = d.rejected() ? REJECTED : sure ? SURE : UNSURE;
      g.setColor(color);
      g.drawRect(b.x(), b.y(), b.width(), b.height());
      int size = Math.max(12, (int) (b.height() * 0.35));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
      String label =
          d.rejected()
              ? "not a digit"
              : d.recognition().digit()
                  + " "
                  + Math.round(100 * d.recognition().probability())
                  + "%";
      int textY =
          b.y() - (int) (0.25 * size) > size ? b.y() - (int) (0.25 * size) : b.bottom() + size;
      g.setColor(new Color(255, 255, 255, 200));
      g.fillRect(
          b.x(), textY - size, g.getFontMetrics().stringWidth(label) + 4, (int) (size * 1.2));
      g.setColor(color);
      g.drawString(label, b.x() + 2, textY);
    }
    int size = Math.max(16, Math.min(w, h) / 14);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
    String number =
        !reading.number().isEmpty()
            ? reading.number()
            : reading.rejected().isEmpty() ? "no digits found" : "not a digit";
    g.setColor(new Color(0, 0, 0, 160));
    g.fillRect(0, 0, g.getFontMetrics().stringWidth(number) + size, (int) (size * 1.5));
    g.setColor(Color.WHITE);
    g.drawString(number, size / 2, (int) (size * 1.15));
    g.dispose();
    return out;
  }
}
