package dev.handwritten.mnist.demo;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;

/**
 * The GIF's 256 colours, the same for every frame: a 6 x 6 x 6 cube, 24 greys and the demo's own
 * colours, each pixel mapped to the nearest one without dithering. A fixed palette keeps a still
 * part of the picture the same bytes from frame to frame, which is what lets a frame be stored as
 * the small rectangle that changed.
 */
final class Palette {
  /** The demo's colours, exactly: backgrounds, text, accents, bars, boxes. */
  private static final int[] OWN = {
    0xF4F5F9, 0xE3E5EC, 0xD3D6DF, 0xEEF0F5, 0x1C1D21, 0x6B6F7B, 0x4338CA, 0xA5B4FC, 0xE0E7FF,
    0x22C55E, 0xF59E0B, 0xEF4444, 0x3B82F6, 0x1F77B4, 0xFF7F0E, 0x111111
  };

  static final IndexColorModel COLORS = colors();

  /** The nearest colour's index for each colour of 5 bits per channel. */
  private static final byte[] NEAREST = nearest();

  private Palette() {}

  private static IndexColorModel colors() {
    byte[] r = new byte[256];
    byte[] g = new byte[256];
    byte[] b = new byte[256];
    int n = 0;
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        for (int k = 0; k < 6; k++) {
          r[n] = (byte) (i * 51);
          g[n] = (byte) (j * 51);
          b[n] = (byte) (k * 51);
          n++;
        }
      }
    }
    for (int i = 0; i < 24; i++) {
      int v = 8 + i * 10; // greys between the cube's steps
      r[n] = g[n] = b[n] = (byte) v;
      n++;
    }
    for (int rgb : OWN) {
      r[n] = (byte) (rgb >> 16);
      g[n] = (byte) (rgb >> 8);
      b[n] = (byte) rgb;
      n++;
    }
    return new IndexColorModel(8, 256, r, g, b);
  }

  private static byte[] nearest() {
    byte[] table = new byte[1 << 15];
    for (int c = 0; c < table.length; c++) {
      int r = ((c >> 10) & 31) * 255 / 31;
      int g = ((c >> 5) & 31) * 255 / 31;
      int b = (c & 31) * 255 / 31;
      int best = 0;
      int bestDistance = Integer.MAX_VALUE;
      for (int i = 0; i < 256; i++) {
        int dr = r - COLORS.getRed(i);
        int dg = g - COLORS.getGreen(i);
        int db = b - COLORS.getBlue(i);
        // Weighted as the eye weighs them (roughly 3 : 4 : 2).
        int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = i;
        }
      }
      table[c] = (byte) best;
    }
    return table;
  }

  /** Each pixel's palette index, row by row. */
  static byte[] indices(BufferedImage rgb) {
    int width = rgb.getWidth();
    int height = rgb.getHeight();
    int[] pixels = rgb.getRGB(0, 0, width, height, null, 0, width);
    byte[] out = new byte[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      int p = pixels[i];
      out[i] = NEAREST[(p >> 9) & 0x7C00 | (p >> 6) & 0x3E0 | (p >> 3) & 0x1F];
    }
    return out;
  }
}
