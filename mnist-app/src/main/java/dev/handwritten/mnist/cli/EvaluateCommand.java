package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code mnist evaluate}: a saved model on the test set, or on any IDX pair of files. */
final class EvaluateCommand {
  /** The model shipped inside the jar, used when no --model is given. */
  static final String BUNDLED_MODEL = "/models/default.hwnn";

  private static final String SUMMARY =
      """
      Usage: mnist evaluate [--model FILE] [--data DIR | --images FILE --labels FILE] [options]

      Evaluates a saved model: accuracy, loss, the confusion matrix and per-class precision,
      recall and F1. Without --model, uses the model shipped inside the app. Without --images and
      --labels, uses the test set in --data (or the per-user cache). Writes into --out:
      metrics.json, predictions.png, confusion.png, misclassified.png, report.html.""";

  private EvaluateCommand() {}

  static Options options() {
    return DataOptions.declare(new Options("evaluate"))
        .option(
            "--model", "FILE", "a model file written by 'mnist train' (default: the bundled model)")
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
    Optional<Path> modelFile = o.path("--model");
    ModelFile.Loaded loaded = modelFile.isPresent() ? ModelFile.load(modelFile.get()) : bundled();
    String modelName =
        modelFile.map(Path::toString).orElse("bundled model (" + BUNDLED_MODEL + ")");

    DataOptions.Evaluated data = DataOptions.loadForEvaluation(o, out);
    out.printf(
        "Evaluating %s ('%s', %,d parameters) on %s (%,d images)%n",
        modelName,
        loaded.architecture().name(),
        loaded.model().parameterCount(),
        data.description(),
        data.data().size());
    Evaluation evaluation = Evaluator.evaluate(loaded.model(), data.data(), batchSize);
    RunOutputs.printEvaluation(out, evaluation, data.classNames());

    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("command", "evaluate");
    settings.put("model", modelName);
    settings.put("preset", loaded.architecture().name());
    settings.put("data", data.description());
    settings.putAll(prefixed(loaded.metadata()));
    RunOutputs.writeEvaluation(
        outDir,
        settings,
        loaded.model().parameterCount(),
        loaded.metadata(),
        data.data(),
        evaluation,
        data.classNames());
    out.println("wrote metrics.json, pictures and report.html to " + outDir);
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
