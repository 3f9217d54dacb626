package dev.handwritten.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's picture of a digit becomes an MNIST-like input: white ink on black, the digit's longer
 * side 20 pixels, its centre of mass in the middle of 28 x 28.
 */
class DigitImageTest {
  private static float[] seven; // the first MNIST test image, a 7

  @TempDir Path tmp;

  @BeforeAll
  static void loadASeven() throws IOException {
    DataSet test = DataSet.loadTest(TestData.mnistDir()).subset(0, 1);
    assertEquals(7, test.labels()[0]);
    seven = test.images().data().clone();
  }

  @Test
  void aScannedDigit_isCroppedScaledToTwentyPixels_andCentredByMass() {
    float[] x = DigitImage.prepare(DigitPictures.draw(seven, 5, true, 6, 1));

    assertEquals(28 * 28, x.length);
    int[] box = boundingBox(x);
    int width = box[2] - box[0] + 1;
    int height = box[3] - box[1] + 1;
    assertEquals(20, Math.max(width, height), "longer side of " + Arrays.toString(box));
    double[] centre = centreOfMass(x);
    assertEquals(14.5, centre[0], 0.5, "x");
    assertEquals(14.5, centre[1], 0.5, "y");
    float max = 0;
    float min = 1;
    for (float v : x) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    assertEquals(1f, max, 0.05f, "the strongest stroke is full ink");
    assertEquals(0f, min, "the paper is black");
  }

  @Test
  void lookClose_toTheMnistImageItWasDrawnFrom() {
    float[] x = DigitImage.prepare(DigitPictures.draw(seven, 5, true, 6, 1));

    // Same digit, same normalisation: most of the ink lands where MNIST's did.
    double overlap = 0;
    double norms = 0;
    for (int i = 0; i < x.length; i++) {
      overlap += x[i] * seven[i];
      norms += 0.5 * (x[i] * x[i] + seven[i] * seven[i]);
    }
    double similarity = overlap / norms;
    assertTrue(similarity > 0.8, () -> "similarity " + similarity);
  }

  @Test
  void lightInkOnDarkPaper_givesTheSameInput_asDarkInkOnLightPaper() {
    float[] dark = DigitImage.prepare(DigitPictures.draw(seven, 4, true, 0, 1));
    float[] light = DigitImage.prepare(DigitPictures.draw(seven, 4, false, 0, 1));

    assertArrayEquals(dark, light, 1e-5f);
  }

  @Test
  void aGreyPicture_readsLikeTheSameColourPicture() {
    // Grey images are read sample by sample: going through getRGB would lighten their mid-greys.
    BufferedImage rgb = DigitPictures.draw(seven, 3, true, 0, 1);
    BufferedImage grey =
        new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        grey.getRaster().setSample(x, y, 0, rgb.getRGB(x, y) & 0xFF);
      }
    }

    assertArrayEquals(DigitImage.prepare(rgb), DigitImage.prepare(grey), 1e-5f);
  }

  @Test
  void transparentParts_countAsWhitePaper() {
    BufferedImage opaque = DigitPictures.draw(seven, 3, true, 0, 1);
    BufferedImage cutOut =
        new BufferedImage(opaque.getWidth(), opaque.getHeight(), BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < opaque.getHeight(); y++) {
      for (int x = 0; x < opaque.getWidth(); x++) {
        int grey = opaque.getRGB(x, y) & 0xFF;
        // Black ink whose opacity carries the stroke; the paper fully transparent.
        int alpha = (int) Math.round((225 - grey) * 255 / 225.0);
        cutOut.setRGB(x, y, alpha << 24);
      }
    }

    float[] fromOpaque = DigitImage.prepare(opaque);
    float[] fromCutOut = DigitImage.prepare(cutOut);
    assertEquals(0, maxDifferenceOfCentres(fromOpaque, fromCutOut), 0.5);
    assertEquals(
        Arrays.toString(boundingBox(fromOpaque)), Arrays.toString(boundingBox(fromCutOut)));
  }

  @Test
  void aSmallPicture_isEnlargedToTheSameSize() {
    float[] x = DigitImage.prepare(DigitPictures.draw(seven, 1, true, 0, 1));
    int[] box = boundingBox(x);
    assertEquals(20, Math.max(box[2] - box[0], box[3] - box[1]) + 1);
  }

  @Test
  void aPictureOfOneShade_hasNoDigit() {
    BufferedImage white = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = white.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 40, 30);
    g.dispose();

    var e = assertThrows(IllegalArgumentException.class, () -> DigitImage.prepare(white));
    assertEquals("no digit found: the picture is all one shade (a 40 x 30 image)", e.getMessage());
  }

  @Test
  void read_aPngFile() throws IOException {
    BufferedImage picture = DigitPictures.draw(seven, 4, true, 6, 1);
    Path png = tmp.resolve("seven.png");
    ImageIO.write(picture, "png", png.toFile());

    assertArrayEquals(DigitImage.prepare(picture), DigitImage.read(png));
  }

  @Test
  void read_aMissingFile_namesIt() {
    Path missing = tmp.resolve("missing.png");
    var e = assertThrows(NoSuchFileException.class, () -> DigitImage.read(missing));
    assertEquals(missing.toString(), e.getFile());
  }

  @Test
  void read_aFileThatIsNoPicture_saysSo() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.png"), "not a picture");
    var e = assertThrows(IOException.class, () -> DigitImage.read(text));
    assertEquals(text + ": not an image this app can read (PNG, JPEG, GIF or BMP)", e.getMessage());
  }

  @Test
  void read_aBlankPicture_namesTheFile() throws IOException {
    Path blank = tmp.resolve("blank.png");
    ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
    var e = assertThrows(IOException.class, () -> DigitImage.read(blank));
    assertEquals(
        blank + ": no digit found: the picture is all one shade (a 20 x 20 image)", e.getMessage());
  }

  @Test
  void resample_keepsTheMeanOfEachArea() {
    // 4 x 2 -> 2 x 1: each new pixel is the mean of a 2 x 2 block.
    float[] image = {0, 1, 2, 3, 4, 5, 6, 7};
    assertArrayEquals(new float[] {2.5f, 4.5f}, DigitImage.resample(image, 4, 2, 2, 1), 1e-6f);
    // 3 -> 2: the middle pixel is split between both halves.
    assertArrayEquals(
        new float[] {(0 + 0.5f * 3) / 1.5f, (0.5f * 3 + 6) / 1.5f},
        DigitImage.resample(new float[] {0, 3, 6}, 3, 1, 2, 1),
        1e-6f);
  }

  /** {left, top, right, bottom} of the pixels with any ink. */
  private static int[] boundingBox(float[] x) {
    int[] box = {28, 28, -1, -1};
    for (int y = 0; y < 28; y++) {
      for (int c = 0; c < 28; c++) {
        if (x[y * 28 + c] > 0) {
          box[0] = Math.min(box[0], c);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], c);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box;
  }

  private static double[] centreOfMass(float[] x) {
    double mass = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < x.length; i++) {
      mass += x[i];
      sx += x[i] * (i % 28 + 0.5);
      sy += x[i] * (i / 28 + 0.5);
    }
    return new double[] {sx / mass, sy / mass};
  }

  private static double maxDifferenceOfCentres(float[] a, float[] b) {
    double[] ca = centreOfMass(a);
    double[] cb = centreOfMass(b);
    return Math.max(Math.abs(ca[0] - cb[0]), Math.abs(ca[1] - cb[1]));
  }
}
