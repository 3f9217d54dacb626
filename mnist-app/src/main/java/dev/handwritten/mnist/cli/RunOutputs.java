package dev.handwritten.mnist.cli;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.io.RunFolder;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.mnist.report.HtmlReport;
import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.Plots;
import dev.handwritten.mnist.report.Provenance;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.robustness.RobustnessSuite;
import dev.handwritten.mnist.train.CheckpointFile;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Evaluation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a run leaves in its output directory: model, metrics.json, pictures, report.html. */
final class RunOutputs {
  static final String MODEL_FILE = "model.hwnn";
  private static final int GRID = 64;
  private static final int GALLERY = 64;

  private RunOutputs() {}

  /** {@code runs/<command>-<yyyyMMdd-HHmmss>} under the working directory. */
  static Path defaultDir(String command) {
    return Path.of(
        "runs",
        command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /**
   * Fails, before any work, when the run's outputs could not be written to {@code outDir}: a
   * fifteen-minute training run must not end by losing its model to a mistyped {@code --out}. The
   * folders it makes to prove the path are removed again, so a run that fails or is killed later
   * leaves nothing behind.
   */
  static void checkOutDir(Path outDir) throws UsageException {
    Path absolute = outDir.toAbsolutePath().normalize();
    Deque<Path> missing = new ArrayDeque<>(); // shallowest first
    Path existing = absolute;
    while (!Files.exists(existing)) { // ends at the root at the latest
      missing.push(existing);
      existing = existing.getParent();
    }
    String prefix = "cannot write the run's outputs to " + outDir + ": ";
    String fix = "; choose another folder with --out DIR";
    if (!Files.isDirectory(existing)) {
      throw new UsageException(prefix + existing + " is a file, not a folder" + fix);
    }
    if (!Files.isWritable(existing)) {
      throw new UsageException(prefix + "no permission to write into " + existing + fix);
    }
    Deque<Path> made = new ArrayDeque<>(); // deepest first
    try {
      for (Path dir : missing) {
        Files.createDirectory(dir);
        made.push(dir);
      }
    } catch (IOException e) {
      throw new UsageException(prefix + Main.describe(e) + fix);
    } finally {
      for (Path dir : made) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // Something else wrote into it meanwhile; it is then not ours to remove.
        }
      }
    }
  }

  /**
   * The run folder for {@code outDir}, once it is sure that the run can be written there without
   * mixing with another: a folder that already holds files is refused unless {@code force} (and
   * even then when it holds anything a run does not write), and so is an interrupted run waiting in
   * {@code <outDir>.partial}. Checked before any data is read; the leftovers of a run that never
   * saved a checkpoint are cleared.
   */
  static RunFolder prepare(Path outDir, boolean force) throws UsageException, IOException {
    checkOutDir(outDir);
    RunFolder folder = RunFolder.of(outDir);
    List<String> existing = folder.published();
    if (!existing.isEmpty()) {
      List<String> foreign = folder.foreign();
      if (!foreign.isEmpty()) {
        throw new UsageException(
            "--out "
                + outDir
                + " holds files that no run writes ("
                + summary(foreign)
                + "); choose another folder, --force only replaces run folders");
      }
      if (!force) {
        throw new UsageException(
            "--out "
                + outDir
                + " already holds a run ("
                + summary(existing)
                + "); choose another folder, or add --force to replace it once this run is"
                + " complete");
      }
    }
    if (Files.exists(folder.file(CheckpointFile.NAME)) && !force) {
      throw new UsageException(
          outDir
              + " has an interrupted run, saved in "
              + folder.partial()
              + "; resume it with: mnist train --resume "
              + TrainingRun.shellQuoted(outDir.toString())
              + ", or add --force to start over, or choose another --out");
    }
    folder.discardPartial();
    return folder;
  }

  /** The first few names, and how many more. */
  private static String summary(List<String> names) {
    return names.size() <= 4
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 4)) + " and " + (names.size() - 4) + " more";
  }

  static void writeTraining(
      Path outDir,
      RunMetrics.TrainSettings settings,
      Architecture architecture,
      Sequential model,
      List<EpochMetrics> history,
      int keptEpoch,
      DataSet test,
      Evaluation evaluation,
      List<String> classNames)
      throws IOException {
    Provenance provenance = Provenance.now(settings.threads());
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("seed", String.valueOf(settings.seed()));
    metadata.put("epochs", String.valueOf(history.size()));
    metadata.put("test_accuracy", String.valueOf(evaluation.accuracy()));
    metadata.put("created", provenance.createdUtc());
    ModelFile.save(outDir.resolve(MODEL_FILE), architecture, model, metadata);

    RunMetrics metrics =
        RunMetrics.training(
            provenance,
            settings,
            new ModelInfo(MODEL_FILE, architecture.name(), model.parameterCount(), metadata),
            history,
            keptEpoch,
            evaluation);
    MetricsFiles.write(outDir, metrics);

    Plots.lossCurves(history, outDir.resolve("loss.png"));
    Plots.accuracyCurves(history, outDir.resolve("accuracy.png"));
    List<String> images = new ArrayList<>(List.of("loss.png", "accuracy.png"));
    images.addAll(writeEvaluationPictures(outDir, test, evaluation, classNames));
    Map<String, String> shown = MetricsFiles.display(settings);
    shown.put("kept epoch", String.valueOf(keptEpoch));
    shown.put("kernels", provenance.machine().kernels());
    HtmlReport.write(
        outDir,
        "Training run: " + architecture.name(),
        shown,
        results(evaluation, model.parameterCount()),
        history,
        images);
  }

  static void writeEvaluation(
      Path outDir,
      RunMetrics.EvaluateSettings settings,
      List<ModelInfo> models,
      DataSet data,
      Evaluation evaluation,
      List<String> classNames,
      List<RobustnessSuite.Score> robustness)
      throws IOException {
    Provenance provenance = Provenance.now(settings.threads());
    RunMetrics metrics =
        RunMetrics.evaluation(provenance, settings, models, evaluation).withRobustness(robustness);
    MetricsFiles.write(outDir, metrics);
    List<String> images = writeEvaluationPictures(outDir, data, evaluation, classNames);
    Map<String, String> shown = MetricsFiles.display(settings);
    for (int i = 0; i < models.size(); i++) {
      String prefix = models.size() == 1 ? "model " : "model " + (i + 1) + " ";
      shown.put(prefix + "preset", models.get(i).preset());
      models.get(i).metadata().forEach((k, v) -> shown.put(prefix + k.replace('_', ' '), v));
    }
    long parameters = models.stream().mapToLong(ModelInfo::parameters).sum();
    HtmlReport.write(
        outDir, "Evaluation", shown, results(evaluation, parameters), List.of(), images);
  }

  /** Prints accuracy, loss, the confusion matrix and per-class precision, recall and F1. */
  static void printEvaluation(PrintStream out, Evaluation e, List<String> classNames) {
    out.printf(
        "accuracy %.2f%% (%,d of %,d), loss %.4f%n",
        100 * e.accuracy(), Math.round(e.accuracy() * e.count()), e.count(), e.loss());
    int classes = e.confusion().length;
    out.println("confusion matrix (rows: true class, columns: predicted):");
    StringBuilder header = new StringBuilder("       ");
    for (int k = 0; k < classes; k++) {
      header.append(String.format("%6d", k));
    }
    out.println(header);
    for (int t = 0; t < classes; t++) {
      StringBuilder row = new StringBuilder(String.format("  %3d  ", t));
      for (int p = 0; p < classes; p++) {
        row.append(String.format("%6d", e.confusion()[t][p]));
      }
      out.println(row);
    }
    out.printf("%-16s %9s %9s %9s%n", "class", "precision", "recall", "F1");
    for (int k = 0; k < classes; k++) {
      String name = classNames.isEmpty() ? String.valueOf(k) : k + " " + classNames.get(k);
      out.printf(
          "%-16s %8.2f%% %8.2f%% %8.2f%%%n",
          name, 100 * e.precision(k), 100 * e.recall(k), 100 * e.f1(k));
    }
  }

  private static Map<String, String> results(Evaluation evaluation, long parameters) {
    Map<String, String> results = new LinkedHashMap<>();
    results.put("test accuracy", String.format("%.2f%%", 100 * evaluation.accuracy()));
    results.put("test loss", String.format("%.4f", evaluation.loss()));
    results.put("test images", String.format("%,d", evaluation.count()));
    results.put(
        "misclassified",
        String.format("%,d", Math.round((1 - evaluation.accuracy()) * evaluation.count())));
    results.put("parameters", String.format("%,d", parameters));
    return results;
  }

  private static List<String> writeEvaluationPictures(
      Path outDir, DataSet data, Evaluation evaluation, List<String> classNames)
      throws IOException {
    int rows = data.images().shape().dim(2);
    int cols = data.images().shape().dim(3);
    float[] pixels = data.images().data();
    Plots.predictionGrid(
        pixels,
        rows,
        cols,
        data.labels(),
        evaluation.predicted(),
        evaluation.confidence(),
        Math.min(GRID, data.size()),
        classNames,
        outDir.resolve("predictions.png"));
    Plots.confusionHeatmap(evaluation.confusion(), classNames, outDir.resolve("confusion.png"));
    Plots.misclassifiedGallery(
        pixels,
        rows,
        cols,
        data.labels(),
        evaluation.predicted(),
        evaluation.confidence(),
        GALLERY,
        classNames,
        outDir.resolve("misclassified.png"));
    return List.of("predictions.png", "confusion.png", "misclassified.png");
  }
}
