package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.io.RunFolder;
import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import dev.handwritten.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mnist evaluate}: a saved model on the test set, or on any IDX pair of files. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    customSynopsis =
        "mnist evaluate [--model FILE ...] [--data DIR | --images FILE --labels FILE] [options]",
    description = {
      "evaluate a saved model: accuracy, loss, confusion matrix, per-class scores",
      "",
      "Evaluates a saved model: accuracy, loss, the confusion matrix and per-class precision,"
          + " recall and F1. Several --model options evaluate an ensemble, which averages the"
          + " models' probabilities. Without --model, uses the model shipped inside the app."
          + " Without --images and --labels, uses the test set in --data (or the per-user"
          + " cache).",
      "",
      "Writes into --out:",
      "  metrics.json, report.html, predictions.png, confusion.png, misclassified.png"
    })
final class EvaluateCommand extends Subcommand {
  @Mixin ModelOptions models;

  @Mixin DataOptions data;

  @Option(
      names = "--images",
      paramLabel = "FILE",
      description = "an IDX image file to evaluate on, instead of the test set")
  Path images;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description = "the IDX label file that goes with --images")
  Path labels;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "images per forward pass (default 1000)")
  int batchSize = 1000;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write the results (default runs/evaluate-<time>)")
  Path outDir;

  @Option(names = "--force", description = "replace the results already in --out")
  boolean force;

  @Override
  void run() throws UsageException, IOException {
    if ((images == null) != (labels == null)) {
      throw new UsageException("--images and --labels go together: give both, or neither");
    }
    atLeast("--batch-size", batchSize, 1);
    data.check();
    RunFolder folder =
        RunOutputs.prepare(outDir == null ? RunOutputs.defaultDir("evaluate") : outDir, force);
    Recognizer recognizer = models.load();
    String presets =
        String.join(", ", recognizer.models().stream().map(ModelInfo::preset).distinct().toList());
    long parameters = recognizer.models().stream().mapToLong(ModelInfo::parameters).sum();

    DataOptions.Evaluated evaluated =
        data.loadForEvaluation(Optional.ofNullable(images), Optional.ofNullable(labels), out);
    Shape expected = recognizer.sampleShape();
    Shape got = evaluated.data().images().shape().sample();
    if (!got.equals(expected)) {
      throw new IOException(
          String.format(
              "the images of %s are %dx%d, but the model takes %dx%d images; resize them to %dx%d",
              evaluated.description(),
              got.dim(-2),
              got.dim(-1),
              expected.dim(-2),
              expected.dim(-1),
              expected.dim(-2),
              expected.dim(-1)));
    }
    out.printf(
        "Evaluating %s ('%s', %,d parameters) on %s (%,d images)%n",
        recognizer.describe(),
        presets,
        parameters,
        evaluated.description(),
        evaluated.data().size());
    Evaluation evaluation = Evaluator.evaluate(recognizer, evaluated.data(), batchSize);
    RunOutputs.printEvaluation(out, evaluation, evaluated.classNames());

    RunMetrics.EvaluateSettings settings =
        new RunMetrics.EvaluateSettings(
            evaluated.description(),
            data.datasetName(),
            recognizer.models().stream().map(ModelInfo::source).toList(),
            batchSize,
            1);
    RunOutputs.writeEvaluation(
        folder.partial(),
        settings,
        recognizer.models(),
        evaluated.data(),
        evaluation,
        evaluated.classNames());
    folder.publish(force);
    out.println("wrote metrics.json, pictures and report.html to " + folder.target());
  }
}
