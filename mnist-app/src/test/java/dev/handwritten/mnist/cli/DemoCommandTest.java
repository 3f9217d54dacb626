package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.Provenance;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist demo}: the animation a user gets, and the mistakes it answers. */
class DemoCommandTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @TempDir Path dir;

  /** A metrics.json of a four-epoch run, as 'mnist train' writes it. */
  private Path metrics() throws IOException {
    List<EpochMetrics> epochs =
        List.of(
            new EpochMetrics(1, 3.0, 0.9, 0.70, 0.30, 0.91),
            new EpochMetrics(2, 3.0, 0.3, 0.91, 0.18, 0.95),
            new EpochMetrics(3, 3.0, 0.2, 0.94, 0.12, 0.96),
            new EpochMetrics(4, 3.0, 0.15, 0.95, 0.11, 0.97));
    RunMetrics.TrainSettings settings =
        new RunMetrics.TrainSettings(
            MNIST.toString(),
            "mnist",
            "reference",
            4,
            64,
            1e-3,
            "constant",
            0,
            0,
            null,
            null,
            1,
            2,
            6000,
            5000,
            1000,
            10000);
    Path run = Files.createDirectories(dir.resolve("run"));
    MetricsFiles.write(
        run,
        RunMetrics.training(
            Provenance.now(2),
            settings,
            new ModelInfo("model.hwnn", "reference", 34_826, Map.of()),
            epochs,
            4,
            null));
    return run.resolve(MetricsFiles.JSON);
  }

  @Test
  void gif_showsEveryScene_andStaysUnderTwoMegabytes() throws IOException {
    Path gif = dir.resolve("demo.gif");
    MainTest.Outcome o =
        MainTest.run(
            "demo",
            "--out",
            gif.toString(),
            "--data",
            MNIST.toString(),
            "--metrics",
            metrics().toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("wrote " + gif + ": "), o.out());
    assertTrue(Files.size(gif) < 2 << 20, Files.size(gif) + " bytes");
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      // Three digits of 18 drawing frames and a hold, the photo's 4 digits and holds, four epochs
      // of curves, the end; identical frames are folded.
      int frames = reader.getNumImages(true);
      assertTrue(frames >= 60 && frames <= 70, frames + " frames");
      assertEquals(800, reader.getWidth(0));
      assertEquals(450, reader.getHeight(0));
      reader.dispose();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void mistakes_areNamed_andLeaveNoFile() throws IOException {
    MainTest.Outcome webm = MainTest.run("demo", "--out", dir.resolve("demo.webm").toString());
    assertEquals(Main.USAGE, webm.status());
    assertTrue(
        webm.err()
            .startsWith("mnist: expected --out to name a .gif or an .mp4 file, got demo.webm"),
        webm.err());

    MainTest.Outcome none = MainTest.run("demo");
    assertEquals(Main.USAGE, none.status());
    assertTrue(none.err().contains("--out"), none.err());

    Path evaluation = dir.resolve("evaluation.json");
    Files.writeString(
        evaluation, "{\"format_version\": 1, \"command\": \"evaluate\", \"epochs\": []}");
    MainTest.Outcome noEpochs =
        MainTest.run(
            "demo",
            "--out",
            dir.resolve("demo.gif").toString(),
            "--data",
            MNIST.toString(),
            "--metrics",
            evaluation.toString());
    assertEquals(Main.FAILURE, noEpochs.status(), noEpochs.err());
    assertTrue(noEpochs.err().contains("evaluation.json"), noEpochs.err());
    assertFalse(Files.exists(dir.resolve("demo.gif")));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(evaluation), files.toList());
    }
  }
}
