package dev.handwritten.mnist.cli;

import dev.handwritten.kernels.KernelPath;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.Presets;
import dev.handwritten.mnist.train.Augmentation;
import dev.handwritten.mnist.train.ConsoleProgress;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import dev.handwritten.mnist.train.Trainer;
import dev.handwritten.optim.LearningRateSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code mnist train}: trains a preset on the training set, then evaluates it on the test set. */
final class TrainCommand {
  private static final String SUMMARY =
      """
      Usage: mnist train [options]

      Trains a model preset with Adam and softmax cross-entropy, holding out a seeded validation
      split, then evaluates it on the test set. Writes into --out: model.hwnn, metrics.json,
      loss.png, accuracy.png, predictions.png, confusion.png, misclassified.png, report.html.""";

  private TrainCommand() {}

  static Options options() {
    return DataOptions.declare(new Options("train"))
        .option(
            "--preset",
            "NAME",
            "model preset: " + String.join(", ", Presets.names()) + " (default reference)")
        .option("--epochs", "N", "passes over the training set (default 15)")
        .option("--batch-size", "N", "images per step (default 128)")
        .option(
            "--learning-rate", "X", "Adam's learning rate (default 0.001); the peak for onecycle")
        .option(
            "--schedule",
            "NAME",
            "constant (default), step (x0.1 at 1/3 and 2/3 of the epochs), exponential (x0.9 per"
                + " epoch), cosine (to 0), onecycle (30% warm-up, then cosine)")
        .option("--weight-decay", "X", "decoupled weight decay, AdamW (default 0)")
        .option(
            "--early-stopping",
            "N",
            "stop after N epochs without a better validation accuracy, keeping the best epoch")
        .flag(
            "--augment", "random rotation (15 deg), zoom (15%) and shift (10%) of training images")
        .option("--seed", "N", "seeds weights, validation split, shuffling, dropout (default 1)")
        .option("--validation", "N", "training images held out for validation (default 6000)")
        .option("--limit", "N", "train on the first N training images only (for quick runs)")
        .option("--threads", "N", "worker threads (default: all cores)")
        .option("--out", "DIR", "where to write the results (default runs/train-<time>)");
  }

  static void run(List<String> args, PrintStream out) throws UsageException, IOException {
    Options o = options().parse(args);
    if (o.helpRequested()) {
      out.print(o.help(SUMMARY));
      return;
    }
    int epochs = o.integer("--epochs", 15, 1);
    int batchSize = o.integer("--batch-size", 128, 1);
    double learningRate = o.positiveDouble("--learning-rate", 1e-3);
    long seed = o.longValue("--seed", 1);
    int validationCount = o.integer("--validation", 6000, 1);
    int threads = o.integer("--threads", Runtime.getRuntime().availableProcessors(), 1);
    Architecture architecture;
    try {
      architecture = Presets.byName(o.string("--preset").orElse("reference"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path outDir = o.path("--out").orElseGet(() -> RunOutputs.defaultDir("train"));
    RunOutputs.checkOutDir(outDir);
    String scheduleName = o.string("--schedule").orElse("constant");
    LearningRateSchedule schedule =
        switch (scheduleName) {
          case "constant" -> new LearningRateSchedule.Constant(learningRate);
          case "step" -> new LearningRateSchedule.StepDecay(learningRate, epochs / 3.0, 0.1);
          case "exponential" -> new LearningRateSchedule.Exponential(learningRate, 0.9);
          case "cosine" -> new LearningRateSchedule.Cosine(learningRate, 0, epochs);
          case "onecycle" -> new LearningRateSchedule.OneCycle(learningRate, epochs, 0.3);
          default ->
              throw new UsageException(
                  "expected --schedule constant, step, exponential, cosine or onecycle, got '"
                      + scheduleName
                      + "'");
        };
    double weightDecay = o.has("--weight-decay") ? o.positiveDouble("--weight-decay", 0) : 0;

    DataOptions.Loaded data = DataOptions.loadTrainAndTest(o, out);
    DataSet all = data.train();
    if (o.has("--limit")) {
      all = all.subset(0, Math.min(all.size(), o.integer("--limit", all.size(), 2)));
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
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("command", "train");
    settings.put("data", data.directory().toString());
    settings.put("preset", architecture.name());
    settings.put("epochs", String.valueOf(epochs));
    settings.put("batch size", String.valueOf(batchSize));
    settings.put("learning rate", String.valueOf(learningRate));
    settings.put("seed", String.valueOf(seed));
    settings.put("threads", String.valueOf(threads));
    settings.put("training images", String.valueOf(split.train().size()));
    settings.put("validation images", String.valueOf(split.validation().size()));
    settings.put("test images", String.valueOf(data.test().size()));
    settings.put("kernels", KernelPath.describe());
    out.printf(
        "Training '%s' (%,d parameters) on %,d images, validating on %,d; kernels: %s%n",
        architecture.name(),
        model.parameterCount(),
        split.train().size(),
        split.validation().size(),
        KernelPath.describe());
    out.print(model.summary());

    settings.put("schedule", scheduleName);
    settings.put("weight decay", String.valueOf(weightDecay));
    Augmentation augmentation = o.has("--augment") ? Augmentation.STANDARD : Augmentation.NONE;
    int patience = o.integer("--early-stopping", 0, 1);
    settings.put("early stopping", patience == 0 ? "off" : patience + " epochs");
    settings.put("augmentation", augmentation.enabled() ? augmentation.toString() : "none");
    Trainer.Config config =
        new Trainer.Config(
            epochs,
            batchSize,
            learningRate,
            seed,
            threads,
            schedule,
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
    settings.put("kept epoch", String.valueOf(kept));
    Evaluation test = Evaluator.evaluate(model, data.test(), 1000);
    out.printf("test accuracy %.2f%%, test loss %.4f%n", 100 * test.accuracy(), test.loss());

    RunOutputs.writeTraining(
        outDir, settings, architecture, model, seed, history, data.test(), test, data.classNames());
    out.println("wrote the model, metrics.json, pictures and report.html to " + outDir);
  }
}
