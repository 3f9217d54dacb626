package dev.handwritten.mnist.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.mnist.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json and metrics.csv: typed, snake_case, schema-valid, and read back as written. */
class MetricsFilesTest {
  @TempDir Path dir;

  static RunMetrics evaluation(List<EpochMetrics> epochs) {
    return new RunMetrics(
        RunMetrics.FORMAT_VERSION,
        "evaluate",
        new Provenance.App("1.2.3", "0123456789", false),
        "2026-12-02T17:00:00Z",
        new Provenance.Machine(
            "Test CPU", 4, 2, 16, "Vector API, 16 floats per vector", "25", "Linux"),
        new RunMetrics.EvaluateSettings("test set in data", "mnist", List.of("bundled"), 1000, 2),
        List.of(new ModelInfo("bundled", "accurate", 123, Map.of("seed", "7"))),
        epochs,
        null,
        null,
        4,
        0.75,
        0.5,
        List.of(
            new RunMetrics.ClassScores(0, 1, 0.5, 2 / 3.0),
            new RunMetrics.ClassScores(1, 0.5, 1, 2 / 3.0)),
        new int[][] {{1, 1}, {0, 2}},
        null);
  }

  @Test
  void writtenAndReadBack_givesTheSameValues() throws IOException {
    RunMetrics written = evaluation(List.of());
    MetricsFiles.write(dir, written);

    RunMetrics read = MetricsFiles.read(dir.resolve("metrics.json"));

    assertEquals(written.settings(), read.settings());
    assertEquals(written.machine(), read.machine());
    assertEquals(written.models(), read.models());
    assertEquals(written.perClass(), read.perClass());
    assertArrayEquals(written.confusionMatrix(), read.confusionMatrix());
    assertEquals(0.75, read.testAccuracy());
    assertNull(read.keptEpoch());
    assertEquals(List.of(), MetricsSchema.problems(Files.readString(dir.resolve("metrics.json"))));
    assertFalse(Files.exists(dir.resolve("metrics.csv")), "no epochs, no CSV");
  }

  @Test
  void keys_areSnakeCase_absentValuesLeftOut_andTheMatrixReadsAsRows() throws IOException {
    MetricsFiles.write(dir, evaluation(List.of()));
    String json = Files.readString(dir.resolve("metrics.json"));
    assertTrue(json.contains("\"format_version\": 1,"), json);
    assertTrue(json.contains("\"model_files\": ["), json);
    assertTrue(json.contains("\"class\": 0,"), json);
    assertFalse(json.contains("kept_epoch"), json);
    assertTrue(json.contains("\"confusion_matrix\": [\n    [ 1, 1 ],\n    [ 0, 2 ]\n  ]"), json);
  }

  @Test
  void aDivergedEpoch_writesNullForItsLoss_notTheInvalidTokenNaN() throws IOException {
    EpochMetrics diverged =
        new EpochMetrics(1, 2.5, Double.NaN, 0.1, Double.POSITIVE_INFINITY, 0.1);
    MetricsFiles.write(dir, evaluation(List.of(diverged)));
    String json = Files.readString(dir.resolve("metrics.json"));
    assertTrue(json.contains("\"train_loss\": null,"), json);
    assertTrue(json.contains("\"val_loss\": null,"), json);
    assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
  }

  @Test
  void csv_hasAHeaderAndOneRowPerEpoch() throws IOException {
    List<EpochMetrics> epochs =
        List.of(
            new EpochMetrics(1, 10.5, 0.25, 0.9, 0.125, 0.95),
            new EpochMetrics(2, 9.75, 0.1, 0.97, 0.0625, 0.98));
    MetricsFiles.write(dir, evaluation(epochs));
    assertEquals(
        List.of(
            "epoch,train_seconds,train_loss,train_accuracy,val_loss,val_accuracy",
            "1,10.5,0.25,0.9,0.125,0.95",
            "2,9.75,0.1,0.97,0.0625,0.98"),
        Files.readAllLines(dir.resolve("metrics.csv")));
    assertEquals(epochs, MetricsFiles.readCsv(dir.resolve("metrics.csv")));
  }

  @Test
  void display_spellsTheSettingsOutForAReport() {
    Map<String, String> shown =
        MetricsFiles.display(
            new RunMetrics.EvaluateSettings("d", "mnist", List.of("a", "b"), 50, 2));
    assertEquals(
        Map.of(
            "data",
            "d",
            "dataset",
            "mnist",
            "model files",
            "a, b",
            "batch size",
            "50",
            "threads",
            "2"),
        shown);
    assertEquals("data", shown.keySet().iterator().next(), "in the record's order");
  }

  @Test
  void aFileThatIsNotMetrics_isNamedInTheError() throws IOException {
    Path bad = Files.writeString(dir.resolve("metrics.json"), "{ not json");
    IOException e = assertThrows(IOException.class, () -> MetricsFiles.read(bad));
    assertTrue(e.getMessage().startsWith(bad + ": not a readable metrics.json ("), e.getMessage());
  }
}
