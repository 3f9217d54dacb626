package dev.handwritten.mnist.data;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Pictures such as a user would take of a digit, made from MNIST test images: enlarged, with a
 * margin, on paper of some shade, with a little grain.
 */
public final class DigitPictures {
  private DigitPictures() {}

  /**
   * Draws a 28 x 28 image (white ink on black, [0, 1]) as an RGB picture.
   *
   * @param mnist 784 floats
   * @param scale how many picture pixels per MNIST pixel
   * @param darkInk dark ink on light paper (a scan of pen on paper) or the other way round
   * @param grain standard deviation of the noise, in grey levels of 255
   */
  public static BufferedImage draw(
      float[] mnist, int scale, boolean darkInk, double grain, long seed) {
    int margin = 8 * scale;
    int width = 28 * scale + 2 * margin;
    int height = 28 * scale + 2 * margin + 3 * scale; // not square, and off centre
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int mx = Math.floorDiv(x - margin, scale);
        int my = Math.floorDiv(y - margin - 3 * scale, scale);
        double ink = mx >= 0 && my >= 0 && mx < 28 && my < 28 ? mnist[my * 28 + mx] : 0;
        // Paper at 225 of 255, ink 200 levels darker (or the mirror image of that).
        double shade = darkInk ? 225 - 200 * ink : 30 + 200 * ink;
        int grey =
            (int) Math.max(0, Math.min(255, Math.round(shade + grain * random.nextGaussian())));
        picture.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    return picture;
  }

  /**
   * Several 28 x 28 digits written side by side on grey paper, as one number: each enlarged {@code
   * scale} times, a little apart, with some grain.
   */
  public static BufferedImage number(java.util.List<float[]> digits, int scale, long seed) {
    int cell = 28 * scale;
    int step = cell * 3 / 4; // MNIST's field has a margin: the digits end up close together
    int width = 2 * cell + step * (digits.size() - 1) + cell;
    int height = 3 * cell;
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double ink = 0;
        for (int d = 0; d < digits.size(); d++) {
          int mx = Math.floorDiv(x - cell - d * step, scale);
          int my = Math.floorDiv(y - cell, scale);
          if (mx >= 0 && my >= 0 && mx < 28 && my < 28) {
            ink = Math.max(ink, digits.get(d)[my * 28 + mx]);
          }
        }
        int grey =
            (int)
                Math.max(0, Math.min(255, Math.round(225 - 200 * ink + 4 * random.nextGaussian())));
        picture.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    return picture;
  }
}
