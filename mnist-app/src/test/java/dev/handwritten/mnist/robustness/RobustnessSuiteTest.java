package dev.handwritten.mnist.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite with the bundled model on the first 500 test digits. */
class RobustnessSuiteTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @Test
  void scoresEveryDistortion_inOrder_reproducibly() throws IOException {
    DataSet test = DataSet.loadTest(MNIST).subset(0, 500);
    Recognizer recognizer = Recognizer.bundled();
    List<RobustnessSuite.Score> told = new ArrayList<>();
    List<RobustnessSuite.Score> scores =
        RobustnessSuite.evaluate(recognizer, test, 250, 1, told::add);

    assertEquals(told, scores);
    assertEquals(Distortion.values().length, scores.size());
    for (int i = 0; i < scores.size(); i++) {
      RobustnessSuite.Score s = scores.get(i);
      assertEquals(Distortion.values()[i].key(), s.distortion());
      assertEquals(500, s.images());
      // Every distortion leaves a digit that the model mostly still reads...
      assertTrue(s.accuracy() > 0.5, s.toString());
    }
    // ...and the suite is a test: some distortion costs the model more than 1% of the digits.
    assertTrue(scores.stream().anyMatch(s -> s.accuracy() < 0.99), scores.toString());
    // The same at another batch size and thread count.
    assertEquals(scores, RobustnessSuite.evaluate(recognizer, test, 64, 2, s -> {}));
  }

  @Test
  void eachImage_hasItsOwnSeed() {
    assertTrue(
        RobustnessSuite.seed(Distortion.SLANT, 0) != RobustnessSuite.seed(Distortion.SLANT, 1));
    assertTrue(
        RobustnessSuite.seed(Distortion.SLANT, 0) != RobustnessSuite.seed(Distortion.ROTATED, 0));
  }
}
