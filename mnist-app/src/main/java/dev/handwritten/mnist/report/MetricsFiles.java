package dev.handwritten.mnist.report;

import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.mnist.train.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Writes and reads a run's {@code metrics.json} ({@link RunMetrics}, schema in {@code
 * docs/metrics.schema.json}) and {@code metrics.csv} (one row per epoch, for spreadsheets), with
 * Jackson.
 *
 * <pre>{@code
 * MetricsFiles.write(runDir, metrics);                 // metrics.json, and metrics.csv if trained
 * RunMetrics back = MetricsFiles.read(runDir.resolve("metrics.json"));
 * }</pre>
 *
 * <p>Keys are {@code snake_case}; absent values (a {@code null} field) are left out; a loss that is
 * NaN or infinite (a diverged epoch), which JSON cannot express, is written as {@code null}. Both
 * files are replaced atomically: a reader sees the old file or the new one, never half.
 */
public final class MetricsFiles {
  /** The JSON file's name in a run folder. */
  public static final String JSON = "metrics.json";

  /** The CSV file's name in a run folder. */
  public static final String CSV = "metrics.csv";

  private static final CsvMapper CSV_MAPPER =
      CsvMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private MetricsFiles() {}

  /**
   * Writes {@code metrics.json} into {@code dir}, and {@code metrics.csv} when the run has epochs.
   */
  public static void write(Path dir, RunMetrics metrics) throws IOException {
    byte[] json = (Json.FILES.writeValueAsString(metrics) + "\n").getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(dir.resolve(JSON), out -> out.write(json));
    if (!metrics.epochs().isEmpty()) {
      CsvSchema schema = CSV_MAPPER.schemaFor(EpochMetrics.class).withHeader();
      byte[] csv = CSV_MAPPER.writer(schema).writeValueAsBytes(metrics.epochs());
      AtomicFiles.write(dir.resolve(CSV), out -> out.write(csv));
    }
  }

  /**
   * Reads a {@code metrics.json}.
   *
   * @throws IOException naming the file when it is missing or not a metrics file
   */
  public static RunMetrics read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    try {
      return Json.FILES.readValue(file.toFile(), RunMetrics.class);
    } catch (JacksonException e) {
      throw new IOException(
          file + ": not a readable metrics.json (" + e.getOriginalMessage() + ")");
    }
  }

  /**
   * A training run's settings as the JSON object that metrics.json holds under {@code settings}:
   * what a checkpoint keeps, so that a resumed run continues with exactly these.
   */
  public static String settingsJson(RunMetrics.TrainSettings settings) {
    return Json.FILES.writeValueAsString(settings);
  }

  /**
   * Reads what {@link #settingsJson} wrote.
   *
   * @param who names the source in the message, for example the checkpoint file
   * @throws IOException if it is not a training run's settings
   */
  public static RunMetrics.TrainSettings trainSettings(String json, String who) throws IOException {
    try {
      return Json.FILES.readValue(json, RunMetrics.TrainSettings.class);
    } catch (JacksonException e) {
      throw new IOException(
          who + ": the run's settings are not readable (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** The rows of a {@code metrics.csv}, for tests and tools. */
  public static List<EpochMetrics> readCsv(Path file) throws IOException {
    try {
      CsvSchema schema = CsvSchema.emptySchema().withHeader();
      return CSV_MAPPER
          .readerFor(EpochMetrics.class)
          .with(schema)
          .<EpochMetrics>readValues(file.toFile())
          .readAll();
    } catch (JacksonException e) {
      throw new IOException(file + ": not a readable metrics.csv (" + e.getOriginalMessage() + ")");
    }
  }

  /**
   * A record's fields as a report shows them, in order: {@code batch_size: 128} becomes {@code
   * "batch size" -> "128"}; absent values are left out, lists and nested records are spelled out on
   * one line.
   */
  public static Map<String, String> display(Object settings) {
    Map<String, Object> fields =
        Json.FILES.convertValue(settings, new TypeReference<LinkedHashMap<String, Object>>() {});
    Map<String, String> shown = new LinkedHashMap<>();
    fields.forEach(
        (key, value) -> {
          if (value != null) {
            shown.put(key.replace('_', ' '), text(value));
          }
        });
    return shown;
  }

  private static String text(Object value) {
    return switch (value) {
      case Map<?, ?> map ->
          String.join(
              ", ",
              map.entrySet().stream()
                  .map(e -> e.getKey().toString().replace('_', ' ') + " " + text(e.getValue()))
                  .toList());
      case List<?> list -> String.join(", ", list.stream().map(MetricsFiles::text).toList());
      default -> String.valueOf(value);
    };
  }
}
