package dev.handwritten.mnist.report;

import dev.handwritten.mnist.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The canvas every picture is drawn on, and the atomic PNG writer. */
final class Png {
  static {
    // Pictures are drawn off-screen on servers and in CI; headless mode keeps AWT from looking for
    // a display. Loading this class happens before any drawing, because every picture starts from
    // canvas(). An explicit -Djava.awt.headless=false is respected.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final Color INK = new Color(0x20, 0x20, 0x20);
  static final Color WRONG = new Color(0xD0, 0x10, 0x10);

  private Png() {}

  /** A white RGB image of the given size. */
  static BufferedImage canvas(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** Graphics with anti-aliased text and shapes; the caller disposes it. */
  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    return g;
  }

  static Font font(int style, int size) {
    return new Font(Font.SANS_SERIF, style, size);
  }

  /** Writes {@code image} as PNG to {@code png}, creating parent directories, atomically. */
  static void write(BufferedImage image, Path png) throws IOException {
    AtomicFiles.write(
        png,
        out -> {
          if (!ImageIO.write(image, "png", out)) {
            throw new IOException("Png: expected a PNG writer in ImageIO, got none for " + png);
          }
        });
  }
}
