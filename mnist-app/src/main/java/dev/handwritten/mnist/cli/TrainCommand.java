package dev.handwritten.mnist.cli;

import dev.handwritten.kernels.KernelPath;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.Presets;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.train.Augmentation;
import dev.handwritten.mnist.train.ConsoleProgress;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import dev.handwritten.mnist.train.Trainer;
import dev.handwritten.optim.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mnist train}: trains a preset on the training set, then evaluates it on the test set. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist train [options]",
    description = {
      "train a CNN on MNIST (or any IDX data set) and write the model, metrics and report",
      "",
      "Trains a model preset with Adam and softmax cross-entropy, holding out a seeded validation"
          + " split, then evaluates it on the test set.",
      "",
      "Writes into --out:",
      "  model.hwnn, metrics.json, metrics.csv, report.html,",
      "  loss.png, accuracy.png, predictions.png, confusion.png, misclassified.png"
    })
final class TrainCommand extends Subcommand {
  static final List<String> SCHEDULES =
      List.of("constant", "step", "exponential", "cosine", "onecycle");

  @Mixin DataOptions data;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      completionCandidates = PresetNames.class,
      description = "model preset: ${COMPLETION-CANDIDATES} (default reference)")
  String preset = "reference";

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "passes over the training set (default 15)")
  int epochs = 15;

  @Option(names = "--batch-size", paramLabel = "N", description = "images per step (default 128)")
  int batchSize = 128;

  @Option(
      names = "--learning-rate",
      paramLabel = "X",
      description = "Adam's learning rate (default 0.001); the peak for onecycle")
  double learningRate = 1e-3;

  @Option(
      names = "--schedule",
      paramLabel = "NAME",
      completionCandidates = ScheduleNames.class,
      description =
          "constant (default), step (x0.1 at 1/3 and 2/3 of the epochs), exponential (x0.9 per"
              + " epoch), cosine (to 0), onecycle (30%% warm-up, then cosine)")
  String schedule = "constant";

  @Option(
      names = "--weight-decay",
      paramLabel = "X",
      description = "decoupled weight decay, AdamW (default 0: none)")
  double weightDecay = 0;

  @Option(
      names = "--early-stopping",
      paramLabel = "N",
      description =
          "stop after N epochs without a better validation accuracy, keeping the best epoch"
              + " (default 0: off)")
  int patience = 0;

  @Option(
      names = "--augment",
      description = "random rotation (15 deg), zoom (15%%) and shift (10%%) of training images")
  boolean augment;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "seeds weights, validation split, shuffling, dropout (default 1)")
  long seed = 1;

  @Option(
      names = "--validation",
      paramLabel = "N",
      description = "training images held out for validation (default 6000)")
  int validationCount = 6000;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "train on the first N training images only (for quick runs)")
  Integer limit;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "worker threads (default: all cores)")
  Integer threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write the results (default runs/train-<time>)")
  Path outDir;

  static final class PresetNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    PresetNames() {
      super(Presets.names());
    }
  }

  static final class ScheduleNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ScheduleNames() {
      super(SCHEDULES);
    }
  }

  @Override
  void run() throws UsageException, IOException {
    // Every value is checked before any data is read: a mistyped option costs no download.
    atLeast("--epochs", epochs, 1);
    atLeast("--batch-size", batchSize, 1);
    positive("--learning-rate", learningRate);
    atLeast("--validation", validationCount, 1);
    atLeast("--early-stopping", patience, 0);
    if (limit != null) {
      atLeast("--limit", limit, 2);
    }
    int threadCount =
        threads == null
            ? Runtime.getRuntime().availableProcessors()
            : atLeast("--threads", threads, 1);
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new UsageException("expected --weight-decay >= 0, got " + weightDecay);
    }
    Architecture architecture;
    try {
      architecture = Presets.byName(preset);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    LearningRateSchedule rates = schedule();
    data.check();
    Path runDir = outDir == null ? RunOutputs.defaultDir("train") : outDir;
    RunOutputs.checkOutDir(runDir);

    DataOptions.Loaded loaded = data.loadTrainAndTest(out);
    DataSet all = loaded.train();
    if (limit != null) {
      all = all.subset(0, Math.min(all.size(), limit));
    }
    if (validationCount >= all.size()) {
      throw new UsageException(
          "expected --validation below the "
              + all.size()
              + " training images, got "
              + validationCount);
    }
    DataSet.Split split = all.split(validationCount, seed);

    Sequential model = architecture.build(seed);
    out.printf(
        "Training '%s' (%,d parameters) on %,d images, validating on %,d; kernels: %s%n",
        architecture.name(),
        model.parameterCount(),
        split.train().size(),
        split.validation().size(),
        KernelPath.describe());
    out.print(model.summary());

    Augmentation augmentation = augment ? Augmentation.STANDARD : Augmentation.NONE;
    RunMetrics.TrainSettings settings =
        new RunMetrics.TrainSettings(
            loaded.directory().toString(),
            data.datasetName(),
            architecture.name(),
            epochs,
            batchSize,
            learningRate,
            schedule,
            weightDecay,
            patience,
            augmentation.enabled() ? augmentation : null,
            seed,
            threadCount,
            limit,
            split.train().size(),
            split.validation().size(),
            loaded.test().size());
    Trainer.Config config =
        new Trainer.Config(
            epochs,
            batchSize,
            learningRate,
            seed,
            threadCount,
            rates,
            weightDecay,
            augmentation,
            patience);
    List<EpochMetrics> history =
        Trainer.train(
            model,
            () -> architecture.build(seed),
            split.train(),
            split.validation(),
            config,
            new ConsoleProgress(out, System.console() != null, epochs));
    int kept = Trainer.keptEpoch(history, config);
    if (kept != history.size() || history.size() < epochs) {
      out.printf("early stopping: kept the weights of epoch %d of %d run%n", kept, history.size());
    }
    Evaluation test = Evaluator.evaluate(model, loaded.test(), 1000);
    out.printf("test accuracy %.2f%%, test loss %.4f%n", 100 * test.accuracy(), test.loss());

    RunOutputs.writeTraining(
        runDir,
        settings,
        architecture,
        model,
        history,
        kept,
        loaded.test(),
        test,
        loaded.classNames());
    out.println("wrote the model, metrics.json, pictures and report.html to " + runDir);
  }

  private LearningRateSchedule schedule() throws UsageException {
    return switch (schedule) {
      case "constant" -> new LearningRateSchedule.Constant(learningRate);
      case "step" -> new LearningRateSchedule.StepDecay(learningRate, epochs / 3.0, 0.1);
      case "exponential" -> new LearningRateSchedule.Exponential(learningRate, 0.9);
      case "cosine" -> new LearningRateSchedule.Cosine(learningRate, 0, epochs);
      case "onecycle" -> new LearningRateSchedule.OneCycle(learningRate, epochs, 0.3);
      default ->
          throw new UsageException(
              "expected --schedule "
                  + String.join(", ", SCHEDULES.subList(0, SCHEDULES.size() - 1))
                  + " or "
                  + SCHEDULES.getLast()
                  + ", got '"
                  + schedule
                  + "'");
    };
  }
}
