package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code mnist photo-bench} end to end on a tiny benchmark. */
class PhotoBenchCommandTest {
  private static final String MNIST = System.getProperty("mnist.dir", "../../shared/mnist");

  @TempDir Path dir;

  @Test
  void aTinyBenchmark_printsTheTable_andWritesResultsAndExamples() throws IOException {
    Path out = dir.resolve("bench");
    // Photo 0 of these three conditions is 1200 x 900: quick to draw and read.
    MainTest.Outcome o =
        MainTest.run(
            "photo-bench",
            "--data",
            MNIST,
            "--conditions",
            "shadow,marker-thick,perspective",
            "--per-condition",
            "1",
            "--examples",
            "1",
            "--threads",
            "2",
            "--save-photos",
            "--out",
            out.toString());

    assertEquals(0, o.status(), o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.getFirst().startsWith("Reading 3 photos (3 conditions x 1, seed 1)"), o.out());
    assertTrue(o.out().contains("| condition | photos | digits | digit accuracy |"), o.out());
    assertTrue(o.out().contains("\n| marker-thick | 1 | "), o.out());
    assertTrue(o.out().contains("\n| **all** | 3 | "), o.out());

    String table = Files.readString(out.resolve("results.md"));
    assertTrue(table.contains("`mnist photo-bench --data " + MNIST + " --conditions"), table);
    JsonNode results = JsonMapper.builder().build().readTree(out.resolve("results.json").toFile());
    assertEquals(3, results.get("overall").get("pictures").asInt());
    assertEquals(1, results.get("settings").get("seed").asInt());
    assertEquals("shadow", results.get("conditions").get(0).get("condition").asString());
    assertEquals(3, Files.readAllLines(out.resolve("pictures.jsonl")).size());
    for (String id : List.of("shadow-0000", "marker-thick-0000", "perspective-0000")) {
      assertTrue(
          ImageIO.read(out.resolve("examples").resolve(id + ".png").toFile()).getWidth() > 300);
      assertEquals(
          1200, ImageIO.read(out.resolve("photos").resolve(id + ".jpg").toFile()).getWidth());
      assertTrue(Files.readString(out.resolve("photos").resolve(id + ".json")).contains("\"box\""));
    }
  }

  @Test
  void anUnknownCondition_namesTheKnownOnes() {
    MainTest.Outcome o = MainTest.run("photo-bench", "--conditions", "clean,grid", "--data", MNIST);
    assertEquals(2, o.status());
    assertTrue(
        o.err().startsWith("mnist: --conditions: expected a condition among clean, grid-paper,"),
        o.err());
    assertTrue(o.err().contains(", got 'grid'\n"), o.err());
  }

  @Test
  void badNumbers_areUsageErrors_beforeAnyWork() {
    MainTest.Outcome o =
        MainTest.run("photo-bench", "--per-condition", "0", "--out", dir.toString());
    assertEquals(2, o.status());
    assertEquals(
        "mnist: expected --per-condition >= 1, got 0\nRun 'mnist photo-bench --help' for usage.\n",
        o.err());
    assertEquals(2, MainTest.run("photo-bench", "--threads", "0").status());
    assertFalse(Files.exists(dir.resolve("results.md")));
  }

  @Test
  void help_explainsTheBenchmark_andListsTheExitStatuses() {
    MainTest.Outcome o = MainTest.run("photo-bench", "--help");
    assertEquals(0, o.status());
    assertTrue(o.out().startsWith("Usage: mnist photo-bench"), o.out());
    assertTrue(o.out().contains("--per-condition N"), o.out());
    assertTrue(o.out().contains("Exit status:"), o.out());
    assertTrue(MainTest.run("--help").out().contains("photo-bench"));
  }
}
