package dev.handwritten.mnist.cli;

import static java.util.stream.Collectors.joining;

import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code mnist evaluate}: a saved model on the test set, or on any IDX pair of files. */
final class EvaluateCommand {
  /** The model shipped inside the jar, used when no --model is given. */
  static final String BUNDLED_MODEL = "/models/default.hwnn";

  private static final String SUMMARY =
      """
      Usage: mnist evaluate [--model FILE ...] [--data DIR | --images FILE --labels FILE] [options]

      Evaluates a saved model: accuracy, loss, the confusion matrix and per-class precision,
      recall and F1. Several --model options evaluate an ensemble, which averages the models'
      probabilities. Without --model, uses the model shipped inside the app. Without --images and
      --labels, uses the test set in --data (or the per-user cache). Writes into --out:
      metrics.json, predictions.png, confusion.png, misclassified.png, report.html.""";

  private EvaluateCommand() {}

  static Options options() {
    return DataOptions.declare(new Options("evaluate"))
        .repeatable(
            "--model",
            "FILE",
            "a model file written by 'mnist train'; give it several times for an ensemble"
                + " (default: the bundled model)")
        .option("--images", "FILE", "an IDX image file to evaluate on, instead of the test set")
        .option("--labels", "FILE", "the IDX label file that goes with --images")
        .option("--batch-size", "N", "images per forward pass (default 1000)")
        .option("--out", "DIR", "where to write the results (default runs/evaluate-<time>)");
  }

  static void run(List<String> args, PrintStream out) throws UsageException, IOException {
    Options o = options().parse(args);
    if (o.helpRequested()) {
      out.print(o.help(SUMMARY));
      return;
    }
    if (o.has("--images") != o.has("--labels")) {
      throw new UsageException("--images and --labels go together: give both, or neither");
    }
    int batchSize = o.integer("--batch-size", 1000, 1);
    Path outDir = o.path("--out").orElseGet(() -> RunOutputs.defaultDir("evaluate"));
    RunOutputs.checkOutDir(outDir);
    List<String> modelFiles = o.strings("--model");
    List<ModelFile.Loaded> loaded = loadModels(modelFiles);
    String modelName =
        modelFiles.isEmpty()
            ? "bundled model (" + BUNDLED_MODEL + ")"
            : modelFiles.size() == 1
                ? modelFiles.getFirst()
                : "an ensemble of "
                    + modelFiles.size()
                    + " models ("
                    + String.join(", ", modelFiles)
                    + ")";
    String presets =
        loaded.stream().map(l -> l.architecture().name()).distinct().collect(joining(", "));
    long parameters = loaded.stream().mapToLong(l -> l.model().parameterCount()).sum();

    DataOptions.Evaluated data = DataOptions.loadForEvaluation(o, out);
    out.printf(
        "Evaluating %s ('%s', %,d parameters) on %s (%,d images)%n",
        modelName, presets, parameters, data.description(), data.data().size());
    Evaluation evaluation =
        Evaluator.evaluate(
            loaded.stream().map(ModelFile.Loaded::model).toList(), data.data(), batchSize);
    RunOutputs.printEvaluation(out, evaluation, data.classNames());

    // One model's metadata as it is; an ensemble's with each key numbered by model.
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i < loaded.size(); i++) {
      String prefix = loaded.size() == 1 ? "" : "model " + (i + 1) + " ";
      loaded.get(i).metadata().forEach((k, v) -> metadata.put(prefix + k, v));
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("command", "evaluate");
    settings.put("model", modelName);
    settings.put("preset", presets);
    settings.put("data", data.description());
    settings.putAll(prefixed(metadata));
    RunOutputs.writeEvaluation(
        outDir, settings, parameters, metadata, data.data(), evaluation, data.classNames());
    out.println("wrote metrics.json, pictures and report.html to " + outDir);
  }

  /** The models named by --model options, or the bundled model when there are none. */
  static List<ModelFile.Loaded> loadModels(List<String> files) throws IOException {
    List<ModelFile.Loaded> loaded = new ArrayList<>();
    for (String file : files) {
      loaded.add(ModelFile.load(Path.of(file)));
    }
    if (loaded.isEmpty()) {
      loaded.add(bundled());
    }
    return loaded;
  }

  private static ModelFile.Loaded bundled() throws IOException {
    try (InputStream in = EvaluateCommand.class.getResourceAsStream(BUNDLED_MODEL)) {
      if (in == null) {
        throw new IOException(
            "no --model given and this build has no bundled model; train one with 'mnist train'"
                + " and pass --model runs/<run>/model.hwnn");
      }
      return ModelFile.read(in.readAllBytes(), "bundled model " + BUNDLED_MODEL);
    }
  }

  private static Map<String, String> prefixed(Map<String, String> metadata) {
    Map<String, String> out = new LinkedHashMap<>();
    metadata.forEach((k, v) -> out.put("model " + k, v));
    return out;
  }
}
