package dev.handwritten.mnist.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.imaging.Morphology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each distortion on a real test digit: what it must do to the picture, and nothing else. */
class DistortionTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  static float[] seven; // MNIST test image 0, a 7

  @BeforeAll
  static void load() throws IOException {
    DataSet test = DataSet.loadTest(MNIST).subset(0, 1);
    seven = test.images().data().clone();
  }

  @ParameterizedTest
  @EnumSource(Distortion.class)
  void keepsThePicturesConventions_andIsTheSameForTheSameSeed(Distortion d) {
    float[] before = seven.clone();
    float[] a = d.apply(seven, 42);
    assertArrayEquals(before, seven, d + " changed its input");
    assertEquals(784, a.length);
    for (float v : a) {
      assertTrue(v >= 0 && v <= 1, d + ": value " + v);
    }
    assertArrayEquals(a, d.apply(seven, 42), d + " is not reproducible");
    assertFalse(Arrays.equals(a, seven), d + " left the picture as it was");
  }

  @Test
  void randomDistortions_differFromSeedToSeed() {
    for (Distortion d : new Distortion[] {Distortion.SLANT, Distortion.ROTATED, Distortion.NOISY}) {
      assertFalse(Arrays.equals(d.apply(seven, 1), d.apply(seven, 2)), d.toString());
    }
  }

  @Test
  void thickerAddsInk_thinnerTakesItAway() {
    double ink = sum(seven);
    assertTrue(sum(Distortion.THICKER.apply(seven, 0)) > 1.3 * ink);
    assertTrue(sum(Morphology.erode(seven, 28, 28)) < 0.7 * ink);
  }

  @Test
  void binarizedPictures_areBlackAndWhite_andAHigherThresholdKeepsLess() {
    double previous = Double.MAX_VALUE;
    for (Distortion d :
        new Distortion[] {
          Distortion.BINARIZED_LOW, Distortion.BINARIZED_MID, Distortion.BINARIZED_HIGH
        }) {
      float[] b = d.apply(seven, 0);
      for (float v : b) {
        assertTrue(v == 0 || v == 1, d + ": " + v);
      }
      assertTrue(sum(b) < previous, d.toString());
      previous = sum(b);
    }
  }

  @Test
  void geometry_keepsTheCentreOfMass() {
    double[] centre = centre(seven);
    for (Distortion d : new Distortion[] {Distortion.SLANT, Distortion.ROTATED, Distortion.SMALL}) {
      double[] moved = centre(d.apply(seven, 3));
      assertEquals(centre[0], moved[0], 0.5, d + " across");
      assertEquals(centre[1], moved[1], 0.5, d + " down");
    }
  }

  @Test
  void small_shrinksTheDigit() {
    assertTrue(height(Distortion.SMALL.apply(seven, 0)) <= 0.75 * height(seven));
  }

  @Test
  void aPictureOfAnotherSize_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Distortion.BLURRED.apply(new float[100], 0));
    assertEquals("Distortion: expected a 28 x 28 image (784 values), got 100", e.getMessage());
  }

  private static double sum(float[] image) {
    double s = 0;
    for (float v : image) {
      s += v;
    }
    return s;
  }

  private static double[] centre(float[] image) {
    double mass = 0;
    double x = 0;
    double y = 0;
    for (int i = 0; i < image.length; i++) {
      mass += image[i];
      x += image[i] * (i % 28);
      y += image[i] * (i / 28);
    }
    return new double[] {x / mass, y / mass};
  }

  /** Rows holding ink of at least 0.5. */
  private static int height(float[] image) {
    int top = 28;
    int bottom = -1;
    for (int i = 0; i < image.length; i++) {
      if (image[i] >= 0.5f) {
        top = Math.min(top, i / 28);
        bottom = Math.max(bottom, i / 28);
      }
    }
    return bottom - top + 1;
  }
}
