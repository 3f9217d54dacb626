package dev.handwritten.mnist.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.report.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedReportTest {
  private static String printed(double conv2ForwardGflops) {
    SpeedReport report =
        new SpeedReport(
            new Provenance.Machine("AMD EPYC", 2, 2, 8, "Vector API", "25", "Linux"),
            2,
            64.9,
            List.of(
                new SpeedReport.Product(
                    "conv2 forward",
                    "484x64x288, B^T",
                    conv2ForwardGflops,
                    100 * conv2ForwardGflops / 64.9)),
            0.25,
            12800,
            8000,
            11000);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void print_aProductAboveThePeak_saysThePeakWasMeasuredLow() {
    String table = printed(71.9); // 110.8% of the peak beside it, as measured on a busy machine
    assertTrue(table.contains("110.8% of peak"), table);
    assertTrue(table.contains(SpeedReport.PEAK_MEASURED_LOW), table);
  }

  @Test
  void print_productsBelowThePeak_addNoNote() {
    assertFalse(printed(50.0).contains("note:"));
  }
}
