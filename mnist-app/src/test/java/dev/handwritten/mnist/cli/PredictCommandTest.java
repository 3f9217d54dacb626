package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.DigitPictures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist predict} on pictures such as a user would take: scans of digits on paper. */
class PredictCommandTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));
  private static final int PICTURES = 20;

  @TempDir static Path dir;
  static List<String> args;
  static int[] labels;

  /** The first 20 test digits as PNG and JPEG scans: enlarged, grey paper, some grain. */
  @BeforeAll
  static void drawTestDigits() throws IOException {
    DataSet test = DataSet.loadTest(MNIST).subset(0, PICTURES);
    labels = test.labels();
    args = new ArrayList<>(List.of("predict"));
    for (int i = 0; i < PICTURES; i++) {
      float[] image = new float[28 * 28];
      System.arraycopy(test.images().data(), i * image.length, image, 0, image.length);
      String format = i % 2 == 0 ? "png" : "jpg";
      Path file = dir.resolve("digit-" + i + "." + format);
      ImageIO.write(DigitPictures.draw(image, 3 + i % 4, i % 5 != 4, 5, i), format, file.toFile());
      args.add(file.toString());
    }
  }

  @Test
  void recognizesScannedDigits_withTheBundledModel() throws IOException {
    Path out = dir.resolve("out");
    List<String> command = new ArrayList<>(args);
    command.addAll(List.of("--out", out.toString()));

    MainTest.Outcome o = MainTest.run(command.toArray(String[]::new));

    assertEquals(0, o.status(), o.err());
    List<String> lines = o.out().lines().toList();
    int correct = 0;
    for (int i = 0; i < PICTURES; i++) {
      // "…/digit-3.jpg: 0 (99.9%); then 6 (0.1%), 8 (0.0%)"
      String line = lines.get(i);
      assertTrue(line.startsWith(dir.resolve("digit-" + i).toString() + "."), line);
      int answer = line.charAt(line.indexOf(": ") + 2) - '0';
      correct += answer == labels[i] ? 1 : 0;
    }
    // The bundled model gets all 20 as MNIST images; the scans may cost one at most.
    assertTrue(correct >= PICTURES - 1, () -> o.out());
    assertTrue(Files.size(out.resolve("inputs.png")) > 1000);
  }

  @Test
  void badPictures_areNamed_andTheGoodOnesStillAnswered() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "not a picture");
    Path missing = dir.resolve("missing.png");

    MainTest.Outcome o = MainTest.run("predict", args.get(1), notes.toString(), missing.toString());

    assertEquals(1, o.status());
    assertTrue(o.out().startsWith(args.get(1) + ": " + labels[0] + " ("), o.out());
    assertEquals(
        "mnist: error: 2 of 3 pictures could not be recognized:\n"
            + "  "
            + notes
            + ": not an image this app can read (PNG, JPEG, GIF or BMP)\n"
            + "  "
            + missing
            + ": no such file or folder\n",
        o.err());
  }

  @Test
  void withoutAPicture_isAUsageError() {
    MainTest.Outcome o = MainTest.run("predict");
    assertEquals(2, o.status());
    assertTrue(
        o.err().startsWith("mnist: no picture given: name one or more picture files"), o.err());
  }

  @Test
  void help_describesTheCommand() {
    MainTest.Outcome o = MainTest.run("predict", "--help");
    assertEquals(0, o.status());
    assertTrue(o.out().startsWith("Usage: mnist predict [--model FILE ...] [--out DIR] FILE ..."));
    assertTrue(o.out().contains("  FILE ...  "), o.out());
  }
}
