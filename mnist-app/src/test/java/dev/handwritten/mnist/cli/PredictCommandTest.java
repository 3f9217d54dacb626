package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.DigitPictures;
import dev.handwritten.mnist.page.PictureReport;
import dev.handwritten.mnist.report.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist predict} on pictures such as a user would take, and on what is not a picture. */
class PredictCommandTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));
  private static final int PICTURES = 20;

  @TempDir static Path dir;
  static Path scans;
  static List<String> files;
  static int[] labels;
  static Path number;
  static String numberTruth;

  /**
   * The first 20 test digits as PNG and JPEG scans (enlarged, grey paper, some grain) in a folder,
   * and the next four test digits written side by side as one number.
   */
  @BeforeAll
  static void drawTestDigits() throws IOException {
    DataSet test = DataSet.loadTest(MNIST).subset(0, PICTURES + 4);
    labels = Arrays.copyOf(test.labels(), PICTURES);
    scans = Files.createDirectories(dir.resolve("scans"));
    files = new ArrayList<>();
    for (int i = 0; i < PICTURES; i++) {
      float[] image = Arrays.copyOfRange(test.images().data(), i * 784, (i + 1) * 784);
      String format = i % 2 == 0 ? "png" : "jpg";
      Path file = scans.resolve(String.format("digit-%02d.%s", i, format));
      ImageIO.write(DigitPictures.draw(image, 3 + i % 4, i % 5 != 4, 5, i), format, file.toFile());
      files.add(file.toString());
    }
    List<float[]> digits = new ArrayList<>();
    StringBuilder truth = new StringBuilder();
    for (int i = PICTURES; i < PICTURES + 4; i++) {
      digits.add(Arrays.copyOfRange(test.images().data(), i * 784, (i + 1) * 784));
      truth.append(test.labels()[i]);
    }
    numberTruth = truth.toString();
    number = dir.resolve("number.png");
    ImageIO.write(DigitPictures.number(digits, 4, 7), "png", number.toFile());
  }

  @Test
  void readsEveryPictureOfAFolder_inOrder_withTheBundledModel() {
    MainTest.Outcome o = MainTest.run("predict", scans.toString());

    assertEquals(0, o.status(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(PICTURES, lines.size(), o.out());
    int correct = 0;
    for (int i = 0; i < PICTURES; i++) {
      // ".../digit-03.jpg: 0  (0 99.9%)"
      String line = lines.get(i);
      assertTrue(line.startsWith(files.get(i) + ": "), line);
      correct += line.startsWith(files.get(i) + ": " + labels[i] + "  (" + labels[i] + " ") ? 1 : 0;
    }
    // The bundled model gets all 20 as MNIST images; the scans may cost one at most.
    assertTrue(correct >= PICTURES - 1, o.out());
  }

  @Test
  void readsSeveralDigitsInOnePicture_asOneNumber() {
    MainTest.Outcome o = MainTest.run("predict", number.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().startsWith(number + ": " + numberTruth + "  ("), o.out());
  }

  @Test
  void json_isOneObjectPerPicture_withDigitsBoxesAndProbabilities() {
    MainTest.Outcome o = MainTest.run("predict", "--json", number.toString(), files.getFirst());
    assertEquals(0, o.status(), o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(2, lines.size(), o.out());
    PictureReport report = Json.LINES.readValue(lines.getFirst(), PictureReport.class);
    assertEquals(number.toString(), report.file());
    assertEquals(numberTruth, report.number());
    assertEquals(4, report.digits().size());
    assertNull(report.error());
    int previousX = -1;
    for (PictureReport.DigitReport d : report.digits()) {
      assertEquals(4, d.box().length);
      assertTrue(d.box()[0] > previousX, "left to right");
      previousX = d.box()[0];
      assertTrue(d.box()[0] + d.box()[2] <= report.width());
      assertEquals(10, d.probabilities().length);
      assertEquals(d.probability(), d.probabilities()[d.digit()]);
      assertEquals(1, d.line());
    }
    assertTrue(lines.get(1).contains("\"number\":\"" + labels[0] + "\""), lines.get(1));
  }

  @Test
  void annotate_writesTheBoxedPictureAndTheCropsTheNetworkSaw() throws IOException {
    Path out = dir.resolve("annotated");
    MainTest.Outcome o = MainTest.run("predict", "--annotate", out.toString(), number.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("wrote " + out.resolve("number.annotated.png")), o.out());
    var boxed = ImageIO.read(out.resolve("number.annotated.png").toFile());
    var original = ImageIO.read(number.toFile());
    assertEquals(original.getWidth(), boxed.getWidth());
    assertTrue(Files.size(out.resolve("number.crops.png")) > 500);
  }

  @Test
  void standardInput_isReadAsAPicture() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"predict", "-"},
            new ByteArrayInputStream(Files.readAllBytes(number)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("-: " + numberTruth + "  ("));
  }

  @Test
  void badPictures_areOneLineEach_andTheGoodOnesStillRead() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "not a picture");
    Path missing = dir.resolve("missing.png");
    Path cut = dir.resolve("cut.jpg");
    byte[] jpeg = Files.readAllBytes(Path.of(files.get(1)));
    Files.write(cut, Arrays.copyOf(jpeg, jpeg.length / 2));
    Path empty = Files.createDirectories(dir.resolve("empty-folder"));

    MainTest.Outcome o =
        MainTest.run(
            "predict",
            files.getFirst(),
            notes.toString(),
            missing.toString(),
            cut.toString(),
            empty.toString());

    assertEquals(1, o.status());
    assertTrue(o.out().startsWith(files.getFirst() + ": " + labels[0] + "  ("), o.out());
    List<String> errors = o.err().lines().toList();
    assertEquals(5, errors.size(), o.err());
    assertEquals("mnist: error: 4 of 5 pictures could not be read", errors.getLast());
    assertEquals(
        java.util.Set.of(
            "mnist: error: " + empty + ": no pictures in this folder (PNG, JPEG, GIF, BMP, WebP)",
            "mnist: error: " + missing + ": no such file or folder",
            "mnist: error: "
                + notes
                + ": not a picture this app can read (PNG, JPEG, GIF, BMP or WebP)",
            "mnist: error: "
                + cut
                + ": a truncated JPEG file (its end marker is missing after "
                + jpeg.length / 2
                + " bytes)"),
        java.util.Set.copyOf(errors.subList(0, 4)));
    assertFalse(o.err().contains("\tat "), "no stack trace");
  }

  @Test
  void aPictureOverThePixelLimit_isRefused_namingTheOptionThatRaisesIt() throws IOException {
    MainTest.Outcome o = MainTest.run("predict", "--max-megapixels", "0.001", files.getFirst());
    assertEquals(1, o.status());
    assertTrue(
        o.err().startsWith("mnist: error: " + files.getFirst() + ": ")
            && o.err()
                .contains(
                    " is over the limit of 0.001 megapixels; --max-megapixels" + " raises it"),
        o.err());
  }

  @Test
  void aLetter_isReportedAsNotADigit_withTheBestGuessBeside() throws IOException {
    BufferedImage picture = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = picture.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 200);
    g.setColor(Color.BLACK);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setFont(dev.handwritten.mnist.TestFonts.dejaVuSans(120));
    g.drawString("K", 60, 145);
    g.dispose();
    Path letter = dir.resolve("letter-k.png");
    ImageIO.write(picture, "png", letter.toFile());

    MainTest.Outcome o = MainTest.run("predict", letter.toString());

    // A rejected picture was read all the same: exit status 0.
    assertEquals(0, o.status(), o.err());
    assertTrue(
        o.out()
            .matches(
                java.util.regex.Pattern.quote(letter.toString())
                    + ": not a digit \\(looks like a letter or symbol\\); best guess \\d"
                    + " \\(\\d+\\.\\d%\\)\n"),
        o.out());
  }

  @Test
  void withoutAPicture_isAUsageError() {
    MainTest.Outcome o = MainTest.run("predict");
    assertEquals(2, o.status());
    assertTrue(
        o.err()
            .startsWith("mnist: no picture given: name pictures, folders, or - for standard input"),
        o.err());
  }

  @Test
  void help_describesTheCommand() {
    MainTest.Outcome o = MainTest.run("predict", "--help");
    assertEquals(0, o.status());
    assertTrue(o.out().startsWith("Usage: mnist predict [options] PICTURE|FOLDER|- ..."), o.out());
    assertTrue(o.out().contains("--json"), o.out());
    assertTrue(o.out().contains("--annotate DIR"), o.out());
  }
}
