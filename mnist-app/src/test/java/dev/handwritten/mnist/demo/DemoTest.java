package dev.handwritten.mnist.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.page.PageReader;
import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the demo shows is what the app really does. */
class DemoTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @Test
  void theDemosPhoto_isReadAsTheNumberItShows() throws IOException {
    DataSet test = DataSet.loadTest(MNIST);
    Demo.Script script = Demo.Script.standard(test, List.of(), "");
    StringBuilder written = new StringBuilder();
    for (int i : Demo.Script.PHOTO) {
      written.append(test.labels()[i]);
    }
    assertEquals("4096", written.toString());
    PageReader reader = new PageReader(Recognizer.bundled());
    assertEquals("4096", reader.read(Demo.photoOf(script.photo())).number());
  }

  @Test
  void theDemosDrawings_areTheDigitsItSays() throws IOException {
    DataSet test = DataSet.loadTest(MNIST);
    int[] labels = new int[Demo.Script.DRAWN.length];
    for (int k = 0; k < labels.length; k++) {
      labels[k] = test.labels()[Demo.Script.DRAWN[k]];
    }
    assertEquals(List.of(2, 7, 5), java.util.Arrays.stream(labels).boxed().toList());
  }
}
