package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.recognize.Gate;
import dev.handwritten.mnist.reject.GateCalibration;
import dev.handwritten.mnist.synth.FontCatalog;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mnist rejection calibrate}: fits a gate's threshold again, in its file. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist rejection calibrate --gate FILE [options]",
    description = {
      "fit a gate's threshold on the validation split, in its file",
      "",
      "Chooses the threshold on the gate's probability of a digit so that at most --target of"
          + " the validation digits are rejected, both as MNIST's images and drawn on paper, and"
          + " writes it into the gate file (replacing it atomically). The validation split is the"
          + " one the gate was trained without, as its file records. The digit classifier plays"
          + " no part: a new classifier needs no new calibration."
    })
final class CalibrateGateCommand extends Subcommand {
  @Option(
      names = "--gate",
      paramLabel = "FILE",
      required = true,
      description = "the gate file to calibrate, written by 'mnist rejection train-gate'")
  Path gateFile;

  @Option(
      names = "--target",
      paramLabel = "X",
      description = "the share of validation digits it may reject (default 0.01)")
  double target = GateCalibration.TARGET;

  @Mixin DataOptions data;

  @Mixin FontOptions fonts;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "threads for drawing the digits (default: all cores)")
  Integer threads;

  @Override
  void run() throws UsageException, IOException {
    if (!(target >= 0 && target < 1)) {
      throw new UsageException("expected --target in [0, 1), got " + target);
    }
    int threadCount = threadCount(threads, "calibration");
    data.check();
    ModelFile.Loaded file = ModelFile.load(gateFile);
    Gate before = Gate.of(file, "gate file " + gateFile);
    DataSet.Split split =
        GateFiles.validationSplit(file.metadata(), data.loadTrainAndTest(out).train());
    FontCatalog catalog = fonts.catalog();
    GateCalibration.Digits digits =
        GateCalibration.digits(
            split.validation(), catalog.typefaces(FontCatalog.Use.FIT), threadCount);
    ModelFile.Loaded calibrated = GateCalibration.calibrate(file, digits, target);
    ModelFile.save(gateFile, calibrated.architecture(), calibrated.model(), calibrated.metadata());
    out.printf(
        "threshold %s (was %s): rejects %.2f%% of the %,d validation digits, %.2f%% of them drawn"
            + " on paper%n",
        calibrated.metadata().get(Gate.THRESHOLD),
        before.threshold(),
        100 * Double.parseDouble(calibrated.metadata().get("val_rejected")),
        split.validation().size(),
        100 * Double.parseDouble(calibrated.metadata().get("val_drawn_rejected")));
    out.println("wrote " + gateFile);
  }
}
