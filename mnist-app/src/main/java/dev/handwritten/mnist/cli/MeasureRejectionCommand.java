package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.mnist.recognize.Gate;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.reject.RejectionMeasurement;
import dev.handwritten.mnist.report.Plots;
import dev.handwritten.mnist.synth.FontCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mnist rejection measure}: what the gate rejects, in a table. */
@Command(
    name = "measure",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist rejection measure [--model FILE] [--gate FILE] [options]",
    description = {
      "measure what the rejection gate rejects: MNIST test digits and generated non-digits",
      "",
      "Prints, per kind of picture, the share the gate rejects, beside two scores of the digit"
          + " classifier alone (its maximum softmax after temperature scaling, and its energy),"
          + " each thresholded to reject at most 1%% of the validation digits. The non-digits are"
          + " drawn in the measuring typefaces with --seed, which the gate never saw; the digits"
          + " come from MNIST's test split.",
      "",
      "Writes into --out:",
      "  rejection.md, examples.png, missed.png, false-rejections.png"
    })
final class MeasureRejectionCommand extends Subcommand {
  @Spec CommandSpec spec;

  @Mixin ModelOptions models;

  @Option(
      names = "--gate",
      paramLabel = "FILE",
      description = "the gate to measure (default: the bundled gate)")
  Path gateFile;

  @Mixin DataOptions data;

  @Mixin FontOptions fonts;

  @Option(
      names = "--per-category",
      paramLabel = "N",
      description = "generated pictures of each category (default 2000)")
  int perCategory = 2000;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "seeds the generated pictures; must differ from the gate's (default 2)")
  long seed = 2;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "measure on the first N test digits only (for quick runs)")
  Integer limit;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "worker threads (default: all cores)")
  Integer threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write the table and pictures (default runs/rejection-<time>)")
  Path outDir;

  @Override
  void run() throws UsageException, IOException {
    atLeast("--per-category", perCategory, 1);
    if (limit != null) {
      atLeast("--limit", limit, 1);
    }
    int threadCount = threadCount(threads, "the measurement");
    if (models.files.size() > 1) {
      throw new UsageException("expected at most one --model: an ensemble has no logits");
    }
    data.check();
    Path runDir = outDir == null ? RunOutputs.defaultDir("rejection") : outDir;
    RunOutputs.checkOutDir(runDir);
    Gate gate =
        gateFile == null
            ? Gate.bundled().orElseThrow(() -> new IOException("this build has no bundled gate"))
            : Gate.load(gateFile);
    long gateSeed = GateFiles.number(gate.metadata(), "seed");
    if (gateSeed == seed) {
      throw new UsageException(
          "expected a --seed other than the gate's own "
              + gateSeed
              + ": the same seed would draw the scribbles and blanks it was trained on");
    }
    FontCatalog catalog = fonts.catalog();
    if (catalog.typefaces(FontCatalog.Use.MEASURE).isEmpty()) {
      throw new IOException(
          "no typefaces for measuring on this machine (it has "
              + catalog.describe(FontCatalog.Use.FIT)
              + " for fitting); install them with apt-get install "
              + FontCatalog.PACKAGES
              + ", or unpack those packages into a folder and give it with --fonts");
    }
    Recognizer recognizer = Recognizer.load(models.files, gate);
    DataOptions.Loaded mnist = data.loadTrainAndTest(out);
    DataSet.Split split = GateFiles.validationSplit(gate.metadata(), mnist.train());
    DataSet test =
        limit == null ? mnist.test() : mnist.test().subset(0, Math.min(limit, mnist.test().size()));
    out.printf(
        "Measuring %s with %s on %s%n",
        recognizer.describe(), gate.source(), catalog.describe(FontCatalog.Use.MEASURE));
    RejectionMeasurement.Result result =
        RejectionMeasurement.measure(
            recognizer,
            split.validation(),
            test,
            catalog.typefaces(FontCatalog.Use.FIT),
            catalog.typefaces(FontCatalog.Use.MEASURE),
            new RejectionMeasurement.Settings(perCategory, seed, threadCount),
            line -> out.println("  " + line));
    String table = result.table();
    out.println();
    out.print(table);
    if (result.unprepared() > 0) {
      out.printf(
          "%d generated pictures were one shade: the app finds no digit there before any network"
              + " runs, and they count as rejected%n",
          result.unprepared());
    }
    writeOutputs(runDir, result, table, catalog);
    out.println("wrote rejection.md and pictures to " + runDir);
  }

  private void writeOutputs(
      Path runDir, RejectionMeasurement.Result result, String table, FontCatalog catalog)
      throws IOException {
    String markdown =
        String.format(
            Locale.ROOT,
            "# Rejection%n%nCommand: `mnist %s`%n%nMeasuring typefaces: %s%n%n%s",
            String.join(" ", commandLine()),
            catalog.describe(FontCatalog.Use.MEASURE),
            table);
    AtomicFiles.write(
        runDir.resolve("rejection.md"),
        stream -> stream.write(markdown.getBytes(StandardCharsets.UTF_8)));
    gallery(
        result.examples(),
        "Generated pictures as the networks saw them (red: rejected)",
        "no pictures",
        runDir.resolve("examples.png"));
    gallery(
        result.missed(),
        "Non-digits the gate let through",
        "no non-digit got through",
        runDir.resolve("missed.png"));
    gallery(
        result.falseRejections(),
        "MNIST test digits the gate rejected",
        "no test digit was rejected",
        runDir.resolve("false-rejections.png"));
  }

  private static void gallery(
      List<RejectionMeasurement.Example> examples, String title, String empty, Path png)
      throws IOException {
    int n = examples.size();
    float[] images = new float[n * 28 * 28];
    boolean[] rejected = new boolean[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(examples.get(i).input(), 0, images, i * 28 * 28, 28 * 28);
      rejected[i] = examples.get(i).recognition().rejected();
    }
    Plots.judged(
        images,
        examples.stream().map(e -> shorten(e.what())).toList(),
        examples.stream()
            .map(
                e ->
                    e.recognition().rejected()
                        ? "not a digit"
                        : String.format(
                            Locale.ROOT,
                            "%d (p(digit) %.2f)",
                            e.recognition().digit(),
                            e.recognition().verdict().score()))
            .toList(),
        rejected,
        title,
        empty,
        png);
  }

  private static String shorten(String what) {
    return what.length() <= 24 ? what : what.substring(0, 23) + "…";
  }

  /** The command as it was typed, for the record in rejection.md. */
  private List<String> commandLine() {
    return spec.commandLine().getParseResult().originalArgs();
  }
}
