package dev.handwritten.mnist.robustness;

import dev.handwritten.mnist.imaging.Filters;
import dev.handwritten.mnist.imaging.Morphology;
import dev.handwritten.mnist.imaging.Scan;
import java.util.SplittableRandom;

/**
 * One fixed way of changing a 28 x 28 digit so that it looks like other people's handwriting or
 * another scanner's: thicker or thinner strokes, binarization, a coarser scan, slant, rotation, a
 * smaller digit, blur, noise. Seeded per image: {@code apply(image, seed)} with the same seed gives
 * the same picture, on any machine (only {@code StrictMath} and integer arithmetic decide it).
 *
 * <p>Each distortion keeps the picture's conventions: values in [0, 1], ink high, 28 x 28.
 */
public enum Distortion {
  THICKER("strokes a pixel thicker (grey dilation, 3 x 3 cross)") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Morphology.dilate(image, Pixels.SIDE, Pixels.SIDE);
    }
  },
  THINNER("strokes a pixel thinner (grey erosion, 3 x 3 cross), brought back to full ink") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Filters.stretchToFullInk(Morphology.erode(image, Pixels.SIDE, Pixels.SIDE));
    }
  },
  BINARIZED_LOW("binarized at 0.25: every grey edge pixel full ink") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Scan.threshold(image, 0.25f);
    }
  },
  BINARIZED_MID("binarized at 0.5") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Scan.threshold(image, 0.5f);
    }
  },
  BINARIZED_HIGH("binarized at 0.75: only the strokes' cores kept") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Scan.threshold(image, 0.75f);
    }
  },
  COARSE_SCAN("down-sampled to 16 x 16 (area average) and back (bilinear)") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Scan.coarse(image, Pixels.SIDE, 16);
    }
  },
  SLANT("slanted: sheared by 0.2 to 0.4 of the height, either way") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      double shear = uniform(random, 0.2, 0.4) * sign(random);
      return Affine.about(image, 1, shear, 0, 1);
    }
  },
  ROTATED("rotated by 10 to 20 degrees, either way") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      double angle = StrictMath.toRadians(uniform(random, 10, 20) * sign(random));
      double c = StrictMath.cos(angle);
      double s = StrictMath.sin(angle);
      return Affine.about(image, c, -s, s, c);
    }
  },
  SMALL("written small: 0.55 to 0.7 of the size, about its centre of mass") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      double scale = uniform(random, 0.55, 0.7);
      return Affine.about(image, scale, 0, 0, scale);
    }
  },
  BLURRED("out of focus: a Gaussian blur of 1 pixel, ink stretched back to full") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Filters.stretchToFullInk(Filters.blur(image, Pixels.SIDE, Pixels.SIDE, 1.0));
    }
  },
  NOISY("scanner noise: Gaussian, 0.15 of the ink range, clipped to [0, 1]") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      return Filters.gaussianNoise(image, 0.15, random);
    }
  },
  MIX("two or three of the above at once, chosen per image") {
    @Override
    float[] apply(float[] image, SplittableRandom random) {
      Distortion[] pool = {
        THICKER, THINNER, BINARIZED_MID, COARSE_SCAN, SLANT, ROTATED, SMALL, BLURRED, NOISY
      };
      int count = 2 + random.nextInt(2);
      boolean[] used = new boolean[pool.length];
      float[] out = image;
      for (int i = 0; i < count; i++) {
        int pick;
        do {
          pick = random.nextInt(pool.length);
        } while (used[pick] || clashes(used, pool, pick));
        used[pick] = true;
      }
      // Geometry first, then the look of the strokes, then the scanner: as a page is written,
      // then scanned.
      for (int i = 0; i < pool.length; i++) {
        if (used[i] && pool[i].geometric()) {
          out = pool[i].apply(out, random);
        }
      }
      for (int i = 0; i < pool.length; i++) {
        if (used[i] && !pool[i].geometric()) {
          out = pool[i].apply(out, random);
        }
      }
      return out;
    }
  };

  private final String description;

  Distortion(String description) {
    this.description = description;
  }

  /** For example {@code "strokes a pixel thicker (grey dilation, 3 x 3 cross)"}. */
  public String description() {
    return description;
  }

  /** The name used in tables and metrics.json, e.g. {@code binarized-mid}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The distorted copy of one image.
   *
   * @param image 784 values in [0, 1], ink high; not changed
   * @param seed decides the random parts (angle, direction, noise); the suite gives each test image
   *     its own
   */
  public float[] apply(float[] image, long seed) {
    if (image.length != Pixels.SIDE * Pixels.SIDE) {
      throw new IllegalArgumentException(
          "Distortion: expected a 28 x 28 image (784 values), got " + image.length);
    }
    return apply(image, new SplittableRandom(seed));
  }

  abstract float[] apply(float[] image, SplittableRandom random);

  private boolean geometric() {
    return this == SLANT || this == ROTATED || this == SMALL;
  }

  /** Thicker with thinner undo each other; so do two geometric ones made one after another. */
  private static boolean clashes(boolean[] used, Distortion[] pool, int pick) {
    for (int i = 0; i < pool.length; i++) {
      if (!used[i]) {
        continue;
      }
      boolean strokes =
          (pool[i] == THICKER && pool[pick] == THINNER)
              || (pool[i] == THINNER && pool[pick] == THICKER);
      if (strokes || (pool[i].geometric() && pool[pick].geometric())) {
        return true;
      }
    }
    return false;
  }

  private static double uniform(SplittableRandom random, double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  private static int sign(SplittableRandom random) {
    return random.nextBoolean() ? 1 : -1;
  }
}
