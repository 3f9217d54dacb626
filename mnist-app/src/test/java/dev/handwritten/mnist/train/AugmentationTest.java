package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.imaging.Filters;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final float[] IMAGE = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // 3x3, row-major

  private static float[] transform(double angle, double scale, double shiftX, double shiftY) {
    float[] out = new float[9];
    Augmentation.transform(IMAGE, 0, out, 0, 3, 3, angle, scale, shiftX, shiftY);
    return out;
  }

  @Test
  void identityTransform_copiesTheImage() {
    assertArrayEquals(IMAGE, transform(0, 1, 0, 0), 1e-6f);
  }

  @Test
  void shiftRightByOnePixel_movesColumnsAndFillsWithZeros() {
    // [[1 2 3] [4 5 6] [7 8 9]] shifted right: [[0 1 2] [0 4 5] [0 7 8]]
    assertArrayEquals(new float[] {0, 1, 2, 0, 4, 5, 0, 7, 8}, transform(0, 1, 1, 0), 1e-6f);
  }

  @Test
  void halfPixelShift_interpolatesBilinearly() {
    // Each output is the mean of its pixel and the one to its left (0 beyond the edge).
    assertArrayEquals(
        new float[] {0.5f, 1.5f, 2.5f, 2, 4.5f, 5.5f, 3.5f, 7.5f, 8.5f},
        transform(0, 1, 0.5, 0),
        1e-6f);
  }

  @Test
  void quarterTurn_rotatesCounterClockwiseOnScreen() {
    // The right-middle pixel (6) moves to the top-middle; the top row (1 2 3) becomes the left
    // column read upwards: [[3 6 9] [2 5 8] [1 4 7]].
    assertArrayEquals(
        new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, transform(Math.PI / 2, 1, 0, 0), 1e-5f);
  }

  @Test
  void zoomIn_keepsTheCentreAndSpreadsTheRest() {
    float[] zoomed = transform(0, 2, 0, 0);
    assertEquals(5, zoomed[4], 1e-6); // the centre stays
    assertEquals(3, zoomed[0], 1e-6); // the corner samples halfway to the centre: (1+2+4+5)/4
  }

  @Test
  void apply_isAFunctionOfSeedEpochAndIndex() {
    assertArrayEquals(augmented(Augmentation.STANDARD, 3), augmented(Augmentation.STANDARD, 3));
    assertFalse(
        Arrays.equals(augmented(Augmentation.STANDARD, 3), augmented(Augmentation.STANDARD, 4)));
  }

  @Test
  void none_isDisabled_standardIsThePublishedRecipe() {
    assertFalse(Augmentation.NONE.enabled());
    assertTrue(Augmentation.STANDARD.enabled());
    assertEquals(new Augmentation(15, 0.15, 0.1), Augmentation.STANDARD);
  }

  @Test
  void constructor_rejectsOutOfRangeSettings() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Augmentation(15, 1.5, 0.1));
    assertEquals(
        "Augmentation: expected rotation in [0, 180], scale, shift and shrink in [0, 1), stroke"
            + " change, noise, shear and scan share in [0, 1], elastic in [0, 4] pixels, got 15.0,"
            + " 1.5, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, 0, 0, 1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, 0, 0, 0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, 0, 0, 0, 0, 1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, 0, 0, 0, 0, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, 0, 0, 0, 0, 0, 0, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Augmentation(0, 0, 0, 0, 0, 0, 0, 0, 1.5));
  }

  @Test
  void shrink_writesAQuarterOfTheDigitsSmaller_downToTheLargestShrink() {
    float[] plus = plus();
    Augmentation shrink = new Augmentation(0, 0, 0, 0, 0, 0, 0, 0.5, 0);
    int smaller = 0;
    int smallest = 28;
    int images = 400;
    for (int index = 0; index < images; index++) {
      float[] out = new float[784];
      shrink.apply(plus, 0, out, 0, 28, 28, 7, 1, index);
      int width = inkedColumns(out);
      smallest = Math.min(smallest, width);
      smaller += width < inkedColumns(plus) ? 1 : 0;
    }
    // The plus is 12 columns wide; half of that, with a column of interpolation either side.
    assertTrue(smallest >= 6 && smallest <= 8, "the smallest was " + smallest + " columns wide");
    assertTrue(smaller > 0.18 * images && smaller < 0.32 * images, "smaller " + smaller);
  }

  @Test
  void scan_blursCoarsensOrBinarizesAShare_eachWayInTurn() {
    // A plus with grey edges, so that a threshold shows.
    float[] soft = Filters.blur(plus(), 28, 28, 0.8);
    Augmentation scan = new Augmentation(0, 0, 0, 0, 0, 0, 0, 0, 0.3);
    int changed = 0;
    int blackAndWhite = 0;
    int images = 600;
    for (int index = 0; index < images; index++) {
      float[] out = new float[784];
      scan.apply(soft, 0, out, 0, 28, 28, 7, 1, index);
      if (!Arrays.equals(out, soft)) {
        changed++;
        blackAndWhite += inkAbove(out, 0.001f) == inkAbove(out, 0.999f) ? 1 : 0;
      }
    }
    assertTrue(changed > 0.24 * images && changed < 0.36 * images, "changed " + changed);
    assertTrue(
        blackAndWhite > 0.25 * changed && blackAndWhite < 0.42 * changed,
        blackAndWhite + " of " + changed + " black and white");
  }

  @Test
  void scan_neverLeavesLessThanAThirdOfTheInk_aFaintDigitIsKeptAsDrawn() {
    // Ink at 0.2 everywhere on the plus: every threshold of the scanner (0.25 and up) would erase
    // it, and a digit erased is no digit.
    float[] faint = plus();
    for (int i = 0; i < faint.length; i++) {
      faint[i] *= 0.2f;
    }
    Augmentation scanAll = new Augmentation(0, 0, 0, 0, 0, 0, 0, 0, 1);
    for (int index = 0; index < 60; index++) {
      float[] out = new float[784];
      scanAll.apply(faint, 0, out, 0, 28, 28, 7, 1, index);
      assertTrue(inkAbove(out, 0.05f) >= 0.3 * inkAbove(faint, 0.05f), "image " + index);
    }
  }

  @Test
  void withScan_isWithHandAndThePage() {
    assertEquals(
        new Augmentation(15, 0.15, 0.1, 0.5, 0.2, 0.35, 1.5, 0.5, 0.3), Augmentation.WITH_SCAN);
    assertTrue(Augmentation.WITH_SCAN.scanned() && !Augmentation.WITH_HAND.scanned());
    assertArrayEquals(augmented(Augmentation.WITH_SCAN, 3), augmented(Augmentation.WITH_SCAN, 3));
  }

  /** A plus sign three pixels wide and 12 long, on clean paper. */
  private static float[] plus() {
    float[] plus = new float[784];
    for (int i = 8; i < 20; i++) {
      for (int w = 13; w < 16; w++) {
        plus[i * 28 + w] = 1;
        plus[w * 28 + i] = 1;
      }
    }
    return plus;
  }

  private static int inkedColumns(float[] image) {
    int count = 0;
    for (int x = 0; x < 28; x++) {
      for (int y = 0; y < 28; y++) {
        if (image[y * 28 + x] > 0.05f) {
          count++;
          break;
        }
      }
    }
    return count;
  }

  @Test
  void shear_slantsAVerticalBar_eitherWay_byAtMostTheLargestShear() {
    // A bar two pixels wide from row 4 to row 23: after a slant s, its centre line at row y sits
    // at 13.5 - s * (y - 13.5), so the top and bottom rows' centres differ by -s * 19.
    float[] bar = new float[784];
    for (int y = 4; y < 24; y++) {
      bar[y * 28 + 13] = 1;
      bar[y * 28 + 14] = 1;
    }
    Augmentation slant = new Augmentation(0, 0, 0, 0, 0, 0.3, 0);
    double steepest = 0;
    int leaningRight = 0;
    for (int index = 0; index < 100; index++) {
      float[] out = new float[784];
      slant.apply(bar, 0, out, 0, 28, 28, 5, 0, index);
      double lean = (centreOfRow(out, 5) - centreOfRow(out, 22)) / 17;
      assertTrue(Math.abs(lean) <= 0.31, "lean " + lean);
      steepest = Math.max(steepest, Math.abs(lean));
      leaningRight += lean > 0 ? 1 : 0;
    }
    assertTrue(steepest > 0.25, "the steepest slant of 100 was only " + steepest);
    assertTrue(leaningRight > 30 && leaningRight < 70, leaningRight + " of 100 lean right");
  }

  @Test
  void elastic_bendsTheStrokesByAtMostItsLargestDisplacement() {
    // A one-pixel column at x = 14: each output pixel samples at most 1.5 pixels away from where
    // it would without the bend, so ink appears only within 2 columns of it, and some moves.
    float[] column = new float[784];
    for (int y = 2; y < 26; y++) {
      column[y * 28 + 14] = 1;
    }
    Augmentation bend = new Augmentation(0, 0, 0, 0, 0, 0, 1.5);
    int moved = 0;
    for (int index = 0; index < 20; index++) {
      float[] out = new float[784];
      bend.apply(column, 0, out, 0, 28, 28, 5, 0, index);
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          if (out[y * 28 + x] > 0) {
            assertTrue(Math.abs(x - 14) <= 2, "ink at column " + x + " in image " + index);
          }
        }
      }
      moved += Arrays.equals(out, column) ? 0 : 1;
    }
    assertEquals(20, moved);
  }

  @Test
  void withHand_isWithInkAndTheHand_aPureFunctionOfSeedEpochAndImage() {
    assertEquals(new Augmentation(15, 0.15, 0.1, 0.5, 0.2, 0.35, 1.5), Augmentation.WITH_HAND);
    assertTrue(Augmentation.WITH_HAND.handed() && !Augmentation.WITH_INK.handed());
    assertArrayEquals(augmented(Augmentation.WITH_HAND, 3), augmented(Augmentation.WITH_HAND, 3));
    assertFalse(
        Arrays.equals(augmented(Augmentation.WITH_HAND, 3), augmented(Augmentation.WITH_INK, 3)));
  }

  /** The ink-weighted mean column of one row. */
  private static double centreOfRow(float[] image, int row) {
    double mass = 0;
    double moment = 0;
    for (int x = 0; x < 28; x++) {
      mass += image[row * 28 + x];
      moment += x * image[row * 28 + x];
    }
    return moment / mass;
  }

  @Test
  void withInk_thickensAQuarter_thinsAQuarter_andAddsNoiseToHalf_afterTheSameGeometry() {
    float[] plus = plus();
    int thicker = 0;
    int thinner = 0;
    int noisy = 0;
    int images = 400;
    for (int index = 0; index < images; index++) {
      float[] geometry = new float[784];
      float[] inked = new float[784];
      Augmentation.STANDARD.apply(plus, 0, geometry, 0, 28, 28, 7, 1, index);
      Augmentation.WITH_INK.apply(plus, 0, inked, 0, 28, 28, 7, 1, index);
      // Strokes are counted as strong ink; noise in the 4 x 4 corners, far from any stroke.
      double strokeRatio = inkAbove(inked, 0.5f) / (double) inkAbove(geometry, 0.5f);
      if (strokeRatio > 1.2) {
        thicker++;
      } else if (strokeRatio < 0.8) {
        thinner++;
      }
      int grainInCorners = 0;
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          boolean corner = (y < 4 || y >= 24) && (x < 4 || x >= 24);
          if (corner && inked[y * 28 + x] > 0) {
            grainInCorners++;
          }
        }
      }
      if (grainInCorners > 10) {
        noisy++;
      }
    }
    // Seeded, so these counts are fixed; the ranges say what the recipe means.
    assertTrue(thicker > 0.18 * images && thicker < 0.32 * images, "thicker " + thicker);
    assertTrue(thinner > 0.18 * images && thinner < 0.32 * images, "thinner " + thinner);
    assertTrue(noisy > 0.35 * images && noisy < 0.55 * images, "noisy " + noisy);
  }

  @Test
  void withInk_isAPureFunctionOfSeedEpochAndImage() {
    assertArrayEquals(augmented(Augmentation.WITH_INK, 3), augmented(Augmentation.WITH_INK, 3));
    assertTrue(Augmentation.WITH_INK.inked() && !Augmentation.STANDARD.inked());
  }

  private static int inkAbove(float[] image, float level) {
    int count = 0;
    for (float v : image) {
      if (v >= level) {
        count++;
      }
    }
    return count;
  }

  /** {@link #pattern()} as {@code augmentation} changes it in {@code epoch}: seed 7, image 11. */
  private static float[] augmented(Augmentation augmentation, int epoch) {
    float[] out = new float[784];
    augmentation.apply(pattern(), 0, out, 0, 28, 28, 7, epoch, 11);
    return out;
  }

  /** A 28 x 28 image of distinct grey levels, so that any move of a pixel shows. */
  private static float[] pattern() {
    float[] image = new float[784];
    for (int i = 0; i < image.length; i++) {
      image[i] = (i * 37 % 101) / 100f;
    }
    return image;
  }
}
