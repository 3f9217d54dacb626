package dev.handwritten.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.train.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final List<EpochMetrics> EPOCHS =
      List.of(
          new EpochMetrics(1, 12.34, 0.3, 0.91, 0.2, 0.9512),
          new EpochMetrics(2, 11.0, 0.1, 0.97, 0.09, 0.9876),
          new EpochMetrics(3, 11.5, 0.08, 0.98, 0.1, 0.9801));

  @TempDir Path dir;

  @Test
  void write_escapesEveryText() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("model", "<script>alert('x')</script>");
    settings.put("data \"dir\"", "a & b");
    Path page =
        HtmlReport.write(
            dir, "Run <1> & co", settings, Map.of("test accuracy", "99 %"), EPOCHS, List.of());
    String html = Files.readString(page);
    assertEquals(dir.resolve("report.html"), page);
    assertTrue(html.contains("<title>Run &lt;1&gt; &amp; co</title>"));
    assertTrue(html.contains("<h1>Run &lt;1&gt; &amp; co</h1>"));
    assertTrue(
        html.contains(
            "<tr><th>model</th><td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td></tr>"));
    assertTrue(html.contains("<tr><th>data &quot;dir&quot;</th><td>a &amp; b</td></tr>"));
    assertTrue(html.contains("<tr><th>test accuracy</th><td>99 %</td></tr>"));
    assertFalse(html.contains("<script"));
  }

  @Test
  void write_embedsEveryImageWithACaption_inOrder() throws IOException {
    byte[] loss = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    byte[] confusion = {(byte) 0x89, 'P', 'N', 'G', 4, 5, 6};
    Files.write(dir.resolve("loss.png"), loss);
    Files.createDirectories(dir.resolve("plots"));
    Files.write(dir.resolve("plots/confusion-matrix.png"), confusion);
    String html =
        Files.readString(
            HtmlReport.write(
                dir,
                "t",
                Map.of(),
                Map.of(),
                EPOCHS,
                List.of("loss.png", "plots/confusion-matrix.png")));
    String lossData = "data:image/png;base64," + Base64.getEncoder().encodeToString(loss);
    String confusionData = "data:image/png;base64," + Base64.getEncoder().encodeToString(confusion);
    assertTrue(html.indexOf(lossData) > 0);
    assertTrue(html.indexOf(confusionData) > html.indexOf(lossData));
    assertTrue(html.contains("<figcaption>Loss <span class=\"note\">(loss.png)</span>"));
    assertTrue(
        html.contains(
            "<figcaption>Confusion matrix <span class=\"note\">(plots/confusion-matrix.png)"));
  }

  @Test
  void write_isSelfContained() throws IOException {
    Files.write(dir.resolve("a.png"), new byte[] {1});
    String html =
        Files.readString(HtmlReport.write(dir, "t", Map.of(), Map.of(), EPOCHS, List.of("a.png")));
    // Every src is a data URI and nothing else is fetched: no links, scripts or URLs.
    Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
    int sources = 0;
    while (src.find()) {
      assertTrue(src.group(1).startsWith("data:"), src.group(1));
      sources++;
    }
    assertEquals(1, sources);
    assertFalse(html.contains("<link"));
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("http"));
  }

  @Test
  void write_tablesEveryEpoch_andMarksTheBestValidationAccuracy() throws IOException {
    String html =
        Files.readString(HtmlReport.write(dir, "t", Map.of(), Map.of(), EPOCHS, List.of()));
    assertTrue(
        html.contains(
            "<tr><td class=\"num\">1</td><td class=\"num\">12.3</td><td class=\"num\">0.3000</td>"
                + "<td class=\"num\">91.00 %</td><td class=\"num\">0.2000</td>"
                + "<td class=\"num\">95.12 %</td></tr>"));
    assertTrue(html.contains("<tr class=\"best\"><td class=\"num\">2</td>"));
    assertEquals(1, html.split("class=\"best\"", -1).length - 1);
  }

  @Test
  void write_withNothingToShow_saysSo() throws IOException {
    String html =
        Files.readString(HtmlReport.write(dir, "t", Map.of(), Map.of(), List.of(), List.of()));
    assertEquals(4, html.split("<p class=\"none\">none</p>", -1).length - 1);
  }

  @Test
  void write_replacesAnEarlierReport() throws IOException {
    HtmlReport.write(dir, "first", Map.of(), Map.of(), List.of(), List.of());
    HtmlReport.write(dir, "second", Map.of(), Map.of(), List.of(), List.of());
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("<h1>second</h1>"));
    assertFalse(html.contains("first"));
  }

  @Test
  void write_withAMissingImage_failsAndWritesNothing() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> HtmlReport.write(dir, "t", Map.of(), Map.of(), EPOCHS, List.of("gone.png")));
    assertEquals(
        "HtmlReport: expected image gone.png in " + dir + ", got no such file", e.getMessage());
    assertFalse(Files.exists(dir.resolve("report.html")));
  }

  @Test
  void write_rejectsFilesThatAreNotImages() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HtmlReport.write(dir, "t", Map.of(), Map.of(), EPOCHS, List.of("notes.txt")));
    assertEquals(
        "HtmlReport: expected a .png, .jpg, .gif or .svg image, got notes.txt", e.getMessage());
  }

  @Test
  void caption_turnsTheFileNameIntoWords() {
    assertEquals("Confusion matrix", HtmlReport.caption("plots/confusion-matrix.png"));
    assertEquals("Misclassified top 36", HtmlReport.caption("misclassified_top_36.png"));
    assertEquals("Loss", HtmlReport.caption("loss"));
  }
}
