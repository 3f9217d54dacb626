package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.io.RunFolder;
import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.robustness.Distortion;
import dev.handwritten.mnist.robustness.RobustnessSuite;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import dev.handwritten.tensor.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
      "With --robustness, also the accuracy on each distortion of the test images that imitates"
          + " other handwriting and other scanners (docs/robustness.md), printed and written into"
          + " metrics.json.",
      "",
      "Writes into --out:",
      "  metrics.json, report.html, predictions.png, confusion.png, misclassified.png,",
      "  and robustness.png with --robustness"
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
      description =
          "images per forward pass; memory holds --threads of them, the results do not depend on"
              + " it (default 250)")
  int batchSize = 250;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "forward passes at once, each on its own copy of the model (default: all cores)")
  Integer threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write the results (default runs/evaluate-<time>)")
  Path outDir;

  @Option(names = "--force", description = "replace the results already in --out")
  boolean force;

  @Option(
      names = "--robustness",
      description =
          "also measure the accuracy on each distortion of the robustness suite (28 x 28 images"
              + " only)")
  boolean robustness;

  @Override
  void run() throws UsageException, IOException {
    if ((images == null) != (labels == null)) {
      throw new UsageException("--images and --labels go together: give both, or neither");
    }
    atLeast("--batch-size", batchSize, 1);
    int threadCount = threadCount(threads, "evaluation");
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
    if (robustness && got.size() != 28 * 28) {
      throw new UsageException(
          "--robustness distorts 28 x 28 images, but the images of "
              + evaluated.description()
              + " are "
              + got.dim(-2)
              + "x"
              + got.dim(-1));
    }
    out.printf(
        "Evaluating %s ('%s', %,d parameters) on %s (%,d images)%n",
        recognizer.describe(),
        presets,
        parameters,
        evaluated.description(),
        evaluated.data().size());
    Evaluation evaluation =
        Evaluator.evaluate(recognizer, evaluated.data(), batchSize, threadCount);
    RunOutputs.printEvaluation(out, evaluation, evaluated.classNames());
    List<RobustnessSuite.Score> scores =
        robustness ? robustness(recognizer, evaluated, threadCount) : null;

    RunMetrics.EvaluateSettings settings =
        new RunMetrics.EvaluateSettings(
            evaluated.description(),
            data.datasetName(),
            recognizer.models().stream().map(ModelInfo::source).toList(),
            batchSize,
            threadCount);
    RunOutputs.writeEvaluation(
        folder.partial(),
        settings,
        recognizer.models(),
        evaluated.data(),
        evaluation,
        evaluated.classNames(),
        scores);
    if (robustness) {
      RobustnessSuite.gallery(
          recognizer, evaluated.data(), 10, folder.partial().resolve("robustness.png"));
    }
    folder.publish(force);
    out.println("wrote metrics.json, pictures and report.html to " + folder.target());
  }

  /** The robustness suite on the evaluated images, a row printed as each distortion is done. */
  private List<RobustnessSuite.Score> robustness(
      Recognizer recognizer, DataOptions.Evaluated evaluated, int threads) {
    out.printf(
        "robustness: %d distortions of the %,d images (seed %d), accuracy on each:%n",
        Distortion.values().length, evaluated.data().size(), RobustnessSuite.SEED);
    return RobustnessSuite.evaluate(
        recognizer,
        evaluated.data(),
        batchSize,
        threads,
        s ->
            out.printf(
                "  %-15s %7.2f%%  loss %.4f  %s%n",
                s.distortion(), 100 * s.accuracy(), s.loss(), s.description()));
  }
}
