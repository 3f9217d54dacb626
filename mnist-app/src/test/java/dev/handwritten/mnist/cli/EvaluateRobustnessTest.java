package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.MetricsSchema;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.robustness.Distortion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist evaluate --robustness}: a row per distortion, printed and in metrics.json. */
class EvaluateRobustnessTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @TempDir Path dir;

  @Test
  void printsEachDistortion_andWritesThemIntoMetricsJson() throws IOException {
    Path data = SmallData.mnistSubset(MNIST, dir.resolve("data"), 10, 200);
    Path out = dir.resolve("eval");

    MainTest.Outcome o =
        MainTest.run(
            "evaluate", "--robustness", "--data", data.toString(), "--out", out.toString());

    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("robustness: 12 distortions of the 200 images"), o.out());
    for (Distortion d : Distortion.values()) {
      assertTrue(
          o.out().matches("(?s).*\\n  " + d.key() + " +\\d+\\.\\d\\d%  loss \\d\\.\\d{4}  .*"),
          d.key() + " missing from:\n" + o.out());
    }
    String json = Files.readString(out.resolve("metrics.json"));
    assertEquals(List.of(), MetricsSchema.problems(json));
    RunMetrics metrics = MetricsFiles.read(out.resolve("metrics.json"));
    assertEquals(Distortion.values().length, metrics.robustness().size());
    assertEquals("thicker", metrics.robustness().getFirst().distortion());
    assertEquals(200, metrics.robustness().getFirst().images());
    // One row per distortion and the original, ten digits each.
    java.awt.image.BufferedImage gallery =
        javax.imageio.ImageIO.read(out.resolve("robustness.png").toFile());
    assertTrue(gallery.getHeight() > 13 * 28 * 3, "height " + gallery.getHeight());
    assertTrue(gallery.getWidth() > 10 * 28 * 3, "width " + gallery.getWidth());
  }

  @Test
  void withoutTheOption_metricsJsonHasNoRobustness() throws IOException {
    Path data = SmallData.mnistSubset(MNIST, dir.resolve("data"), 10, 50);
    Path out = dir.resolve("plain");
    MainTest.Outcome o =
        MainTest.run("evaluate", "--data", data.toString(), "--out", out.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(!Files.readString(out.resolve("metrics.json")).contains("robustness"));
    assertTrue(!Files.exists(out.resolve("robustness.png")));
  }
}
