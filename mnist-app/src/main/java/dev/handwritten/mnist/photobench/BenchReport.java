package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.report.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * What a benchmark run leaves in its folder: {@value #TABLE} (the table, in Markdown), {@value
 * #RESULTS} (settings, provenance and every condition's counts and rates), {@value #PICTURES} (one
 * line of JSON per photo), {@code examples/} (a few photos of each condition with their boxes
 * drawn) and, when asked, {@code photos/} (every photo as its JPEG file, and its ground truth).
 */
public final class BenchReport {
  public static final String TABLE = "results.md";
  public static final String RESULTS = "results.json";
  public static final String PICTURES = "pictures.jsonl";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .addModule(
              new SimpleModule("finite numbers")
                  .addSerializer(Double.class, new FiniteDoubles())
                  .addSerializer(double.class, new FiniteDoubles()))
          .build();

  private BenchReport() {}

  /** What {@value #RESULTS} holds. */
  record Results(
      Provenance provenance,
      BenchResult.Settings settings,
      double seconds,
      Tally overall,
      List<BenchResult.ConditionResult> conditions) {}

  /**
   * Writes examples while the run goes: the first {@code examples} photos of each condition, and
   * every photo's JPEG and ground truth when {@code photos} is set.
   */
  public static BenchRunner.Listener files(Path dir, int examples, boolean photos) {
    return new BenchRunner.Listener() {
      @Override
      public void read(Photo photo, PageReading reading, Score score) throws IOException {
        String index = photo.id().substring(photo.id().lastIndexOf('-') + 1);
        if (Integer.parseInt(index) < examples) {
          AtomicFiles.write(
              dir.resolve("examples").resolve(photo.id() + ".png"),
              out -> ImageIO.write(Annotations.draw(photo, reading, score), "png", out));
          AtomicFiles.write(
              dir.resolve("examples").resolve(photo.id() + "-number.png"),
              out -> ImageIO.write(Annotations.number(photo, reading, 440, 300), "png", out));
        }
        if (photos) {
          AtomicFiles.write(
              dir.resolve("photos").resolve(photo.id() + ".jpg"), out -> out.write(photo.jpeg()));
          byte[] truth =
              JSON.writerWithDefaultPrettyPrinter()
                  .writeValueAsBytes(new PhotoTruth(photo.id(), photo.number(), photo.lines()));
          AtomicFiles.write(
              dir.resolve("photos").resolve(photo.id() + ".json"), out -> out.write(truth));
        }
      }
    };
  }

  /** A photo's ground truth, as {@code photos/<id>.json} holds it. */
  record PhotoTruth(String id, String number, List<TruthLine> lines) {}

  /** Writes {@value #TABLE}, {@value #RESULTS} and {@value #PICTURES} into {@code dir}. */
  public static void write(Path dir, BenchResult result, String command) throws IOException {
    String table =
        "# Photo benchmark\n\n"
            + "`"
            + command
            + "`\n\n"
            + result.settings().reader()
            + " on "
            + result.overall().pictures()
            + " photos ("
            + result.settings().perCondition()
            + " per condition, seed "
            + result.settings().seed()
            + ") made from "
            + result.settings().digits()
            + ".\n\n"
            + markdown(result);
    AtomicFiles.write(dir.resolve(TABLE), out -> out.write(table.getBytes(StandardCharsets.UTF_8)));
    Results results =
        new Results(
            Provenance.now(result.settings().threads()),
            result.settings(),
            result.seconds(),
            result.overall(),
            result.conditions());
    byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(results);
    AtomicFiles.write(
        dir.resolve(RESULTS),
        out -> {
          out.write(json);
          out.write('\n');
        });
    AtomicFiles.write(
        dir.resolve(PICTURES),
        out -> {
          for (PictureResult p : result.pictures()) {
            out.write(JSON.writeValueAsBytes(p));
            out.write('\n');
          }
        });
  }

  /** The table: one row per condition and one for all, as Markdown. */
  public static String markdown(BenchResult result) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| condition | photos | digits | digit accuracy | exact match | 4-digit exact match"
            + " | misread | missed | merged | split | spurious |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (BenchResult.ConditionResult row : result.conditions()) {
      out.append(row(row.condition(), row.tally()));
    }
    out.append(row("**all**", result.overall()));
    if (result.overall().failed() > 0) {
      out.append("\nThe reader failed on ")
          .append(result.overall().failed())
          .append(" photos, scored as reading nothing; pictures.jsonl has its messages.\n");
    }
    return out.toString();
  }

  private static String row(String name, Tally t) {
    return String.format(
        "| %s | %d | %d | %s | %s | %s | %d | %d | %d | %d | %d |%n",
        name,
        t.pictures(),
        t.digits(),
        percent(t.digitAccuracy()),
        percent(t.exactMatch()),
        t.fourDigit() == 0 ? "-" : percent(t.fourDigitExactMatch()) + " of " + t.fourDigit(),
        t.misread(),
        t.missed(),
        t.merged(),
        t.split(),
        t.spurious());
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "-" : String.format("%.1f%%", 100 * v);
  }

  /** Finite doubles as numbers, NaN (a rate over nothing) as {@code null}. */
  private static final class FiniteDoubles extends StdSerializer<Double> {
    FiniteDoubles() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator g, SerializationContext context) {
      if (Double.isFinite(value)) {
        g.writeNumber(value);
      } else {
        g.writeNull();
      }
    }
  }
}
