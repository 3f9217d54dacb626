package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.recognize.Gate;
import dev.handwritten.mnist.reject.GateTraining;
import dev.handwritten.mnist.synth.FontCatalog;
import dev.handwritten.mnist.train.ConsoleProgress;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mnist rejection train-gate}: trains a rejection gate and fits its threshold. */
@Command(
    name = "train-gate",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist rejection train-gate [options]",
    description = {
      "train the rejection gate and fit its threshold",
      "",
      "Trains the gate on MNIST's training digits (half as they are, half drawn on paper), digits"
          + " from fonts, and generated non-digits: letters and symbols in the fitting typefaces,"
          + " scribbles, fragments of strokes, near-blank paper and two digits in one box. Then"
          + " fits its threshold on the validation split so that at most 1%% of digits are"
          + " rejected. The bundled gate was made with the defaults.",
      "",
      "Writes into --out:",
      "  gate.hwnn"
    })
final class TrainGateCommand extends Subcommand {
  static final String GATE_FILE = "gate.hwnn";

  @Mixin DataOptions data;

  @Mixin FontOptions fonts;

  @Option(names = "--epochs", paramLabel = "N", description = "passes (default 12)")
  int epochs = 12;

  @Option(names = "--batch-size", paramLabel = "N", description = "pictures per step (default 128)")
  int batchSize = 128;

  @Option(
      names = "--learning-rate",
      paramLabel = "X",
      description = "peak of the one-cycle schedule (default 0.002)")
  double learningRate = 2e-3;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "seeds the weights and every generated picture (default 1)")
  long seed = 1;

  @Option(
      names = "--validation",
      paramLabel = "N",
      description = "training images held out, as for the classifier (default 6000)")
  int validation = 6000;

  @Option(
      names = "--split-seed",
      paramLabel = "N",
      description = "the classifier's --seed, which chose the held-out images (default 1)")
  long splitSeed = 1;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "train on the first N digits and proportionally fewer pictures (quick runs)")
  Integer limit;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "worker threads (default: all cores)")
  Integer threads;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write gate.hwnn (default runs/gate-<time>)")
  Path outDir;

  @Override
  void run() throws UsageException, IOException {
    atLeast("--epochs", epochs, 1);
    atLeast("--batch-size", batchSize, 1);
    positive("--learning-rate", learningRate);
    atLeast("--validation", validation, 1);
    if (limit != null) {
      atLeast("--limit", limit, 2);
    }
    int threadCount = threadCount(threads, "training the gate");
    data.check();
    if (!data.datasetName().equals("mnist")) {
      throw new UsageException("expected --dataset mnist: the gate tells digits from the rest");
    }
    Path runDir = outDir == null ? RunOutputs.defaultDir("gate") : outDir;
    RunOutputs.checkOutDir(runDir);
    FontCatalog catalog = fonts.catalog();
    if (catalog.typefaces(FontCatalog.Use.FIT).isEmpty()) {
      throw new IOException(
          "no typefaces for fitting on this machine; install fonts-dejavu-core at least (all: "
              + FontCatalog.PACKAGES
              + ")");
    }
    DataOptions.Loaded loaded = data.loadTrainAndTest(out);
    if (validation >= loaded.train().size()) {
      throw new UsageException(
          "expected --validation below the "
              + loaded.train().size()
              + " training images, got "
              + validation);
    }
    GateTraining.Recipe recipe =
        new GateTraining.Recipe(
            epochs,
            batchSize,
            learningRate,
            seed,
            threadCount,
            validation,
            splitSeed,
            limit == null ? 0 : limit);
    ModelFile.Loaded gate =
        GateTraining.make(
            loaded.train(),
            catalog,
            recipe,
            out::println,
            new ConsoleProgress(out, System.console() != null, epochs));
    Path file = runDir.resolve(GATE_FILE);
    ModelFile.save(file, gate.architecture(), gate.model(), gate.metadata());
    out.printf(
        "threshold %s: rejects %.2f%% of the validation digits, %.2f%% of them drawn on paper%n",
        gate.metadata().get(Gate.THRESHOLD),
        100 * Double.parseDouble(gate.metadata().get("val_rejected")),
        100 * Double.parseDouble(gate.metadata().get("val_drawn_rejected")));
    out.println("wrote " + file);
  }
}
