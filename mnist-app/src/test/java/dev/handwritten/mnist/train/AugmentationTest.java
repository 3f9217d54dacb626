package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    float[] image = new float[28 * 28];
    for (int i = 0; i < image.length; i++) {
      image[i] = (i * 37 % 101) / 100f;
    }
    float[] a = new float[784];
    float[] b = new float[784];
    float[] otherEpoch = new float[784];
    Augmentation.STANDARD.apply(image, 0, a, 0, 28, 28, 7, 3, 11);
    Augmentation.STANDARD.apply(image, 0, b, 0, 28, 28, 7, 3, 11);
    Augmentation.STANDARD.apply(image, 0, otherEpoch, 0, 28, 28, 7, 4, 11);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, otherEpoch));
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
        "Augmentation: expected rotation in [0, 180], scale and shift in [0, 1), got 15.0, 1.5, 0.1",
        e.getMessage());
  }
}
