package dev.handwritten.mnist.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.DigitImage;
import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MNIST digits traced into pen strokes, which redraw the same digits. */
class StrokesTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));
  private static DataSet test;

  @BeforeAll
  static void load() throws IOException {
    test = DataSet.loadTest(MNIST).subset(0, 100);
  }

  private static float[] image(int i) {
    return Arrays.copyOfRange(test.images().data(), i * 784, (i + 1) * 784);
  }

  @Test
  void redrawnStrokes_readAsTheSameDigits() throws IOException {
    // The first 100 test digits, traced and redrawn with the serve page's pen, then prepared
    // like any picture: the bundled model read all 100 when this was written; a few may go.
    Recognizer recognizer = Recognizer.bundled();
    int correct = 0;
    for (int i = 0; i < 100; i++) {
      var picture = Strokes.picture(Strokes.of(image(i)), 280);
      correct +=
          recognizer.recognize(DigitImage.prepare(picture)).digit() == test.labels()[i] ? 1 : 0;
    }
    assertTrue(correct >= 97, correct + " of 100");
  }

  @Test
  void strokesFollowTheInk() {
    for (int i = 0; i < 20; i++) {
      float[] image = image(i);
      for (List<Strokes.Point> stroke : Strokes.of(image)) {
        assertTrue(stroke.size() >= 2);
        for (Strokes.Point p : stroke) {
          assertTrue(inkNear(image, p), "digit " + i + ": " + p + " is off the ink");
        }
      }
    }
  }

  private static boolean inkNear(float[] image, Strokes.Point p) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int x = (int) Math.floor(p.x()) + dx;
        int y = (int) Math.floor(p.y()) + dy;
        if (x >= 0 && y >= 0 && x < 28 && y < 28 && image[y * 28 + x] > 0.3f) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void aSeven_isOneStroke_fromTheTopLeft() {
    assertEquals(7, test.labels()[0]);
    List<List<Strokes.Point>> strokes = Strokes.of(image(0));
    assertEquals(1, strokes.size());
    Strokes.Point first = strokes.getFirst().getFirst();
    Strokes.Point last = strokes.getFirst().getLast();
    assertTrue(first.x() < 14 && first.y() < 14, "starts top left: " + first);
    assertTrue(last.y() > 20, "ends at the bottom: " + last);
  }

  @Test
  void blankImage_hasNoStrokes_andAWrongSizeIsRefused() {
    assertEquals(List.of(), Strokes.of(new float[784]));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Strokes.of(new float[100]));
    assertEquals("Strokes: expected a 28 x 28 image of 784 values, got 100", e.getMessage());
  }
}
