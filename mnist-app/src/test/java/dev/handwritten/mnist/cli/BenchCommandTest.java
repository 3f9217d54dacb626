package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.report.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code mnist bench}: every figure measured and present, in the table and in the JSON, and one
 * clear line for each bad option. Speeds themselves are not asserted: they belong to the machine.
 */
class BenchCommandTest {
  // Short enough for CI: a tenth of a second per rate, a training epoch of 256 images.
  private static final String[] QUICK = {"--seconds", "0.05", "--train-images", "256"};

  @Test
  void json_holdsEveryMeasurement_namedAsThePeersNameTheirs() throws Exception {
    MainTest.Outcome o = MainTest.run(concat("bench", "--threads", "2", "--json"));

    assertEquals(0, o.status(), o.err());
    JsonNode report = Json.LINES.readTree(o.out());
    assertEquals(2, report.get("threads").asInt());
    assertTrue(report.get("fma_peak_gflops").asDouble() > 0, o.out());
    assertEquals(4, report.get("products").size(), o.out());
    for (JsonNode product : report.get("products")) {
      double percent = product.get("percent_of_peak").asDouble();
      assertTrue(percent > 0 && percent < 200, product.toString());
    }
    assertTrue(report.get("train_ms_per_image").asDouble() > 0, o.out());
    assertEquals(256, report.get("train_images").asInt());
    assertTrue(report.get("infer_b1_ips").asDouble() > 0, o.out());
    assertTrue(report.get("infer_b256_ips").asDouble() > 0, o.out());
    assertTrue(report.get("machine").get("vector_floats").asInt() >= 1, o.out());
    assertTrue(o.err().contains("mnist bench: measuring the FMA peak..."), o.err());
  }

  @Test
  void table_namesEachFigureWithItsUnit() {
    MainTest.Outcome o = MainTest.run(concat("bench", "--threads", "1"));

    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("FMA peak, one thread"), o.out());
    assertTrue(o.out().contains("conv2 forward (484x64x288, B^T)"), o.out());
    assertTrue(o.out().contains("% of peak"), o.out());
    assertTrue(o.out().contains("training, 1 thread, batch 128"), o.out());
    assertTrue(o.out().contains("ms/image"), o.out());
    assertTrue(o.out().contains("inference, batch 256, 1 thread"), o.out());
  }

  @Test
  void zeroThreads_isAUsageError() {
    MainTest.Outcome o = MainTest.run("bench", "--threads", "0");

    assertEquals(2, o.status());
    assertTrue(o.err().startsWith("mnist: expected --threads >= 1, got 0\n"), o.err());
  }

  @Test
  void zeroTrainingImages_isAUsageError() {
    MainTest.Outcome o = MainTest.run("bench", "--train-images", "0");

    assertEquals(2, o.status());
    assertTrue(o.err().startsWith("mnist: expected --train-images >= 1, got 0\n"), o.err());
  }

  @Test
  void aNegativeDuration_isAUsageError() {
    MainTest.Outcome o = MainTest.run("bench", "--seconds", "-1");

    assertEquals(2, o.status());
    assertTrue(o.err().startsWith("mnist: expected --seconds > 0, got -1.0\n"), o.err());
  }

  private static String[] concat(String... head) {
    String[] all = new String[head.length + QUICK.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(QUICK, 0, all, head.length, QUICK.length);
    return all;
  }
}
