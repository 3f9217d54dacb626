package dev.handwritten.mnist.synth;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.SplittableRandom;

/**
 * How a mark is put on paper, drawn at random for every picture: the pen's width, the hand's slant
 * and wobble, pencil or ink, the paper's shade and grain. {@link #render} turns a {@link Mask} into
 * the picture a user would take of it.
 *
 * @param paper the paper's grey level, 0 black to 255 white
 * @param ink the ink's grey level
 * @param grain standard deviation of the paper's noise, in grey levels
 * @param thicken pixels added to (or, negative, taken from) each side of a stroke
 * @param warp the hand's distortion of the mark
 * @param pencil whether the stroke is grainy, as pencil on paper is
 * @param blur radius of the camera's blur, in pixels
 * @param shading the light's change across the picture, in grey levels from one side to the other
 */
record Ink(
    double paper,
    double ink,
    double grain,
    int thicken,
    Warp warp,
    boolean pencil,
    int blur,
    double shading) {

  /**
   * A random style for a mark drawn on a canvas whose side is {@code side} pixels.
   *
   * @param distortion how far the hand may stray: 1 for letters and symbols, less for marks that
   *     are already irregular (scribbles) or must stay what they are (MNIST digits)
   */
  static Ink random(SplittableRandom random, int side, double distortion) {
    boolean lightOnDark = random.nextDouble() < 0.15; // chalk on a board, a negative
    double paper = lightOnDark ? random.nextDouble(0, 70) : random.nextDouble(170, 255);
    double contrast = random.nextDouble(90, 200);
    double ink = lightOnDark ? Math.min(255, paper + contrast) : Math.max(0, paper - contrast);
    int thicken = random.nextInt(-1, Math.max(1, side / 60) + 1);
    Warp warp =
        new Warp(
            Math.toRadians(random.nextDouble(-20, 20) * distortion),
            random.nextDouble(-0.35, 0.35) * distortion,
            Math.exp(random.nextDouble(-0.25, 0.25) * distortion),
            random.nextDouble(0, 0.035) * distortion,
            random.nextLong());
    // Grain and shading stay well below the fifth of the contrast where DigitImage starts to see
    // ink: uneven light that turns paper into ink is the page reader's to flatten, not a digit's.
    return new Ink(
        paper,
        ink,
        random.nextDouble(0, 0.05) * contrast,
        thicken,
        warp,
        random.nextDouble() < 0.25,
        random.nextInt(0, 2 + side / 60),
        random.nextDouble(-0.25, 0.25) * contrast);
  }

  /**
   * The mark on paper: thickened or thinned, distorted, made grainy if pencil, blurred, then drawn
   * in the ink's shade on the paper's, with the light's shading and the paper's grain.
   *
   * @param noise draws the pencil's and the paper's grain
   */
  BufferedImage render(Mask mark, SplittableRandom noise) {
    Mask m = mark;
    if (thicken < 0) {
      Mask thinner = m.thicken(thicken);
      // A stroke thinner than the eraser would vanish: keep it as it is then.
      m = thinner.mass() > 0.4 * m.mass() ? thinner : m;
    } else {
      m = m.thicken(thicken);
    }
    m = warp.apply(m);
    if (pencil) {
      float[] grainy = m.ink().clone();
      for (int i = 0; i < grainy.length; i++) {
        grainy[i] *= (float) noise.nextDouble(0.45, 1);
      }
      m = new Mask(m.width(), m.height(), grainy);
    }
    return paper(m.blur(blur), noise);
  }

  /** The mask in ink on paper, without further changes to the mark. */
  BufferedImage paper(Mask m, SplittableRandom noise) {
    int w = m.width();
    int h = m.height();
    BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = picture.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double light = shading * (x / (w - 1.0) - 0.5);
        double a = Math.min(1, m.ink()[y * w + x]);
        double shade = (paper + light) * (1 - a) + ink * a + grain * noise.nextGaussian();
        raster.setSample(x, y, 0, (int) Math.max(0, Math.min(255, Math.round(shade))));
      }
    }
    return picture;
  }
}
