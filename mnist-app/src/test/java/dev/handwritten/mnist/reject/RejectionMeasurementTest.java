package dev.handwritten.mnist.reject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.recognize.TestGates;
import dev.handwritten.mnist.synth.FontCatalog;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The measurement's bookkeeping, on a few pictures, with gates whose answers are known; DejaVu
 * stands in for the measuring typefaces, which a fresh machine does not have.
 */
class RejectionMeasurementTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  static Map<String, List<Font>> fonts;
  static DataSet validation;
  static DataSet test;

  @BeforeAll
  static void load() throws IOException {
    fonts = FontCatalog.find(List.of()).typefaces(FontCatalog.Use.FIT);
    assumeFalse(fonts.isEmpty(), "no fitting typeface; install fonts-dejavu-core to run this");
    validation = DataSet.loadTrain(MNIST).subset(0, 50);
    test = DataSet.loadTest(MNIST).subset(0, 50);
  }

  @Test
  void aGateThatRejectsEverything_rejectsEveryRow() throws IOException {
    RejectionMeasurement.Result r = measure("1"); // p(digit) = 0.2 < 1: all rejected
    for (RejectionMeasurement.Row row : r.rows()) {
      // A row may be empty among five pictures (no digit-shaped symbol drawn): it has no share.
      assertEquals(row.count() == 0 ? Double.NaN : 1.0, row.gate(), row.pictures());
    }
    assertEquals(1f, r.gateThreshold());
  }

  @Test
  void aGateThatRejectsNothing_rejectsOnlyPicturesWithoutInk() throws IOException {
    RejectionMeasurement.Result r = measure("0");
    List<String> labels = new ArrayList<>();
    for (RejectionMeasurement.Row row : r.rows()) {
      labels.add(row.pictures());
      if (row.pictures().startsWith("blank") || row.pictures().startsWith("all")) {
        assertTrue(row.gate() * row.count() <= r.unprepared(), row.toString());
      } else {
        assertEquals(row.count() == 0 ? Double.NaN : 0.0, row.gate(), row.pictures());
      }
    }
    assertEquals(
        List.of(
            "MNIST test digits",
            "MNIST test digits drawn on paper",
            "digits from fonts",
            "letters",
            "  without digit-shaped ones",
            "  digit-shaped ones only",
            "symbols",
            "  without digit-shaped ones",
            "  digit-shaped ones only",
            "scribbles",
            "  without digit-shaped ones",
            "  digit-shaped ones only",
            "fragments of strokes",
            "  without digit-shaped ones",
            "  digit-shaped ones only",
            "blank or near-blank paper",
            "two digits in one box",
            "all non-digits, digit-shaped ones left out",
            "all non-digits"),
        labels);
    RejectionMeasurement.Row first = r.rows().getFirst();
    assertEquals(50, first.count());
    assertTrue(first.digits());
    assertEquals(6 * 5, r.rows().getLast().count()); // six kinds of non-digit
    assertTrue(r.table().contains("| MNIST test digits (rejected by mistake) | 50 | 0.00% |"));
    // The classifier's scores were given thresholds that reject about 1% of validation digits.
    assertTrue(r.temperature() > 0);
    assertEquals(7 * 5, r.examples().size()); // five of each generated category
  }

  private static RejectionMeasurement.Result measure(String threshold) throws IOException {
    Recognizer recognizer =
        Recognizer.of(
            List.of(ModelFile.bundled()),
            List.of("bundled"),
            TestGates.constant(threshold, 0, 0, 0, 0, 0));
    return RejectionMeasurement.measure(
        recognizer,
        validation,
        test,
        fonts,
        fonts,
        new RejectionMeasurement.Settings(5, 2, 2),
        line -> {});
  }
}
