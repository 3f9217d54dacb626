package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.io.RunFolder;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.Presets;
import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.train.Augmentation;
import dev.handwritten.mnist.train.Checkpoint;
import dev.handwritten.mnist.train.CheckpointFile;
import dev.handwritten.mnist.train.Trainer;
import dev.handwritten.optim.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
      "  loss.png, accuracy.png, predictions.png, confusion.png, misclassified.png",
      "While it trains, the folder is <out>.partial: a checkpoint, metrics.json, metrics.csv and",
      "the curves, rewritten after every epoch. It becomes <out> when the run is complete; after",
      "Ctrl-C or a crash, 'mnist train --resume <out>' continues it with the same results."
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
      names = "--augment-ink",
      description =
          "as --augment, and also strokes a pixel thicker or thinner (half the images) and"
              + " scanner noise (half of them, up to 0.2 of the ink range)")
  boolean augmentInk;

  @Option(
      names = "--augment-hand",
      description =
          "as --augment-ink, and also the hand: slants (a shear of up to 0.35 either way) and"
              + " elastic bends (up to 1.5 pixels)")
  boolean augmentHand;

  @Option(
      names = "--augment-scan",
      description =
          "as --augment-hand, and also the page: a quarter of the digits written small (down to"
              + " half the size), and 0.3 of them blurred, scanned coarser or binarized")
  boolean augmentScan;

  @Option(
      names = "--ema-decay",
      paramLabel = "X",
      description =
          "keep an exponential moving average of the weights, decaying by X per step (for"
              + " example 0.999), and validate and save the average (default 0: none)")
  double emaDecay = 0;

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
      description = "where to write the results (default runs/train-<time>); a new or empty folder")
  Path outDir;

  @Option(
      names = "--force",
      description = "replace the run already in --out (when this one is complete)")
  boolean force;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "continue an interrupted run with its own settings (only --threads may be given too)")
  Path resume;

  @Spec CommandSpec spec;

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
    if (resume != null) {
      resume();
      return;
    }
    // Every value is checked before any data is read: a mistyped option costs no download.
    atLeast("--epochs", epochs, 1);
    atLeast("--batch-size", batchSize, 1);
    positive("--learning-rate", learningRate);
    atLeast("--validation", validationCount, 1);
    atLeast("--early-stopping", patience, 0);
    if (limit != null) {
      atLeast("--limit", limit, 2);
    }
    int threadCount = threadCount();
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new UsageException("expected --weight-decay >= 0, got " + weightDecay);
    }
    if (!(emaDecay == 0 || emaDecay > 0 && emaDecay < 1)) {
      throw new UsageException("expected --ema-decay in (0, 1), or 0 for none, got " + emaDecay);
    }
    Architecture architecture;
    try {
      architecture = Presets.byName(preset);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    LearningRateSchedule rates = schedule(schedule, learningRate, epochs);
    data.check();
    RunFolder folder =
        RunOutputs.prepare(outDir == null ? RunOutputs.defaultDir("train") : outDir, force);
    Trainer.Config config =
        new Trainer.Config(
            epochs,
            batchSize,
            learningRate,
            seed,
            threadCount,
            rates,
            weightDecay,
            augmentation(),
            patience,
            emaDecay);
    new TrainingRun(
            architecture, config, schedule, limit, validationCount, folder, force, Optional.empty())
        .run(data, out, err);
  }

  /**
   * {@code --resume DIR}: the run's settings, architecture and state come from its checkpoint; only
   * the thread count, which never changes the results, may be given anew.
   */
  private void resume() throws UsageException, IOException {
    List<String> others =
        spec.commandLine().getParseResult().matchedOptions().stream()
            .map(OptionSpec::longestName)
            .filter(name -> !name.equals("--resume") && !name.equals("--threads"))
            .distinct()
            .toList();
    if (!others.isEmpty()) {
      throw new UsageException(
          "--resume continues a run with its own settings; leave out "
              + String.join(", ", others)
              + " (only --threads may be given with it)");
    }
    RunFolder folder = RunFolder.of(resume);
    Path file = folder.file(CheckpointFile.NAME);
    if (!Files.isRegularFile(file)) {
      String why =
          folder.published().isEmpty()
              ? "found no interrupted run: " + file + " does not exist"
              : folder.target() + " is a finished run (no " + file + ")";
      throw new UsageException("cannot resume " + resume + ": " + why);
    }
    Checkpoint checkpoint = CheckpointFile.load(file);
    RunMetrics.TrainSettings saved =
        MetricsFiles.trainSettings(checkpoint.settings(), "checkpoint " + file);
    folder.removeTemporaryFiles();
    data.data = Path.of(saved.data());
    data.dataset = saved.dataset();
    Trainer.Config config =
        new Trainer.Config(
            saved.epochs(),
            saved.batchSize(),
            saved.learningRate(),
            saved.seed(),
            threads == null ? saved.threads() : threadCount(),
            schedule(saved.schedule(), saved.learningRate(), saved.epochs()),
            saved.weightDecay(),
            saved.augmentation() == null ? Augmentation.NONE : saved.augmentation(),
            saved.earlyStopping(),
            saved.emaDecay() == null ? 0 : saved.emaDecay());
    new TrainingRun(
            checkpoint.architecture(),
            config,
            saved.schedule(),
            saved.limit(),
            saved.validationImages(),
            folder,
            false,
            Optional.of(checkpoint.state()))
        .run(data, out, err);
  }

  private int threadCount() throws UsageException {
    return threadCount(threads, "training");
  }

  /** The schedule called {@code name}, as {@code --schedule} spells it. */
  static LearningRateSchedule schedule(String name, double learningRate, int epochs)
      throws UsageException {
    return switch (name) {
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
                  + name
                  + "'");
    };
  }

  /** The augmentation the flags ask for; each flag includes the ones before it. */
  private Augmentation augmentation() {
    if (augmentScan) {
      return Augmentation.WITH_SCAN;
    }
    if (augmentHand) {
      return Augmentation.WITH_HAND;
    }
    if (augmentInk) {
      return Augmentation.WITH_INK;
    }
    return augment ? Augmentation.STANDARD : Augmentation.NONE;
  }
}
