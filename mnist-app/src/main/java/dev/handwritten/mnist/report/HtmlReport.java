package dev.handwritten.mnist.report;

import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.mnist.train.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One self-contained HTML page per training run: results, settings, the per-epoch history and every
 * picture, with inline CSS and the pictures embedded as data URIs, so the single file can be
 * mailed, attached to CI or moved anywhere and still shows everything.
 *
 * <pre>{@code
 * Plots.lossCurves(history, dir.resolve("loss.png"));
 * HtmlReport.write(dir, "MNIST, reference CNN",
 *     Map.of("epochs", "10"), Map.of("test accuracy", "99.12 %"),
 *     history, List.of("loss.png"));   // -> dir/report.html
 * }</pre>
 */
public final class HtmlReport {
  /** The page's file name inside the report directory. */
  public static final String FILE_NAME = "report.html";

  private static final String CSS =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
             max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.4; }
      h1 { font-size: 1.6em; border-bottom: 2px solid #ddd; padding-bottom: .3em; }
      h2 { font-size: 1.2em; margin-top: 1.8em; }
      table { border-collapse: collapse; margin: .5em 0 1em; }
      th, td { border: 1px solid #ddd; padding: .3em .8em; text-align: left; }
      th { background: #f4f6f8; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      tr.best td { font-weight: bold; background: #eef6ee; }
      figure { margin: 1.5em 0; }
      figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
      figcaption { color: #555; font-size: .9em; margin-top: .3em; }
      .none, .note { color: #777; font-size: .9em; }
      """;

  private HtmlReport() {}

  /**
   * Writes {@code dir/report.html}, replacing any earlier one only once the page is complete.
   *
   * @param dir the report directory, created if missing; relative image names resolve against it
   * @param title the page's heading
   * @param settings how the run was configured, in the map's iteration order
   * @param results what the run achieved (test accuracy, test loss, ...), in iteration order
   * @param epochs the training history, one row per epoch; may be empty
   * @param imageFiles pictures to embed (.png, .jpg, .gif or .svg), in order; each captioned with
   *     its file name, "confusion-matrix.png" becoming "Confusion matrix"
   * @return the written page
   * @throws IllegalArgumentException if an image has none of the supported extensions
   * @throws IOException if an image cannot be read or the page cannot be written
   */
  public static Path write(
      Path dir,
      String title,
      Map<String, String> settings,
      Map<String, String> results,
      List<EpochMetrics> epochs,
      List<String> imageFiles)
      throws IOException {
    Objects.requireNonNull(dir, "HtmlReport: dir");
    Objects.requireNonNull(title, "HtmlReport: title");
    Objects.requireNonNull(settings, "HtmlReport: settings");
    Objects.requireNonNull(results, "HtmlReport: results");
    Objects.requireNonNull(epochs, "HtmlReport: epochs");
    Objects.requireNonNull(imageFiles, "HtmlReport: imageFiles");
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    html.append("<h2>Results</h2>\n");
    table(html, results);
    html.append("<h2>Settings</h2>\n");
    table(html, settings);
    html.append("<h2>Training, per epoch</h2>\n");
    epochTable(html, epochs);
    html.append("<h2>Pictures</h2>\n");
    if (imageFiles.isEmpty()) {
      html.append("<p class=\"none\">none</p>\n");
    }
    for (String name : imageFiles) {
      figure(html, dir, name);
    }
    html.append("</body>\n</html>\n");
    byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
    Path page = dir.resolve(FILE_NAME);
    AtomicFiles.write(page, out -> out.write(bytes));
    return page;
  }

  /** {@code text} safe inside HTML elements and double- or single-quoted attributes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** "runs/confusion-matrix.png" -> "Confusion matrix". */
  static String caption(String fileName) {
    String base = Path.of(fileName).getFileName().toString();
    int dot = base.lastIndexOf('.');
    String words = (dot > 0 ? base.substring(0, dot) : base).replace('-', ' ').replace('_', ' ');
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static void table(StringBuilder html, Map<String, String> rows) {
    if (rows.isEmpty()) {
      html.append("<p class=\"none\">none</p>\n");
      return;
    }
    html.append("<table>\n");
    for (Map.Entry<String, String> row : rows.entrySet()) {
      html.append("<tr><th>")
          .append(escape(String.valueOf(row.getKey())))
          .append("</th><td>")
          .append(escape(String.valueOf(row.getValue())))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void epochTable(StringBuilder html, List<EpochMetrics> epochs) {
    if (epochs.isEmpty()) {
      html.append("<p class=\"none\">none</p>\n");
      return;
    }
    int best = 0;
    for (int i = 1; i < epochs.size(); i++) {
      if (epochs.get(i).valAccuracy() > epochs.get(best).valAccuracy()) {
        best = i;
      }
    }
    html.append("<table>\n<tr><th>epoch</th><th>train time (s)</th><th>train loss</th>")
        .append("<th>train accuracy</th><th>validation loss</th><th>validation accuracy</th>")
        .append("</tr>\n");
    for (int i = 0; i < epochs.size(); i++) {
      EpochMetrics e = epochs.get(i);
      html.append(i == best ? "<tr class=\"best\">" : "<tr>")
          .append(cell("%d", e.epoch()))
          .append(cell("%.1f", e.trainSeconds()))
          .append(cell("%.4f", e.trainLoss()))
          .append(cell("%.2f %%", 100 * e.trainAccuracy()))
          .append(cell("%.4f", e.valLoss()))
          .append(cell("%.2f %%", 100 * e.valAccuracy()))
          .append("</tr>\n");
    }
    html.append(
        "</table>\n<p class=\"note\">Bold: the epoch with the best validation accuracy.</p>\n");
  }

  private static String cell(String format, Object value) {
    return "<td class=\"num\">" + String.format(Locale.ROOT, format, value) + "</td>";
  }

  private static void figure(StringBuilder html, Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    String mime = mimeType(name);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "HtmlReport: expected image " + name + " in " + dir + ", got no such file");
    }
    String data = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    String caption = escape(caption(name));
    html.append("<figure>\n<img src=\"data:")
        .append(mime)
        .append(";base64,")
        .append(data)
        .append("\" alt=\"")
        .append(caption)
        .append("\">\n<figcaption>")
        .append(caption)
        .append(" <span class=\"note\">(")
        .append(escape(name))
        .append(")</span></figcaption>\n</figure>\n");
  }

  private static String mimeType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    } else if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    } else if (lower.endsWith(".gif")) {
      return "image/gif";
    } else if (lower.endsWith(".svg")) {
      return "image/svg+xml";
    }
    throw new IllegalArgumentException(
        "HtmlReport: expected a .png, .jpg, .gif or .svg image, got " + name);
  }
}
