package dev.handwritten.mnist.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mnist rejection}: the gate that reports what is not a digit. Its subcommands train the
 * gate, fit its threshold, and measure what it rejects; see {@code docs/rejection.md}.
 */
@Command(
    name = "rejection",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist rejection train-gate | calibrate | measure [options]",
    description = {
      "train, calibrate and measure the gate that rejects what is not a digit",
      "",
      "The gate is a small network beside the digit classifier that tells one digit from a letter"
          + " or symbol, a scribble, blank paper or several digits; predict reports such a picture"
          + " as 'not a digit'. It is trained on MNIST's training digits against non-digits drawn"
          + " from fonts and pen strokes, its threshold is fitted on the validation split, and it"
          + " is measured on other fonts and on MNIST's test split."
    },
    subcommands = {
      TrainGateCommand.class,
      CalibrateGateCommand.class,
      MeasureRejectionCommand.class
    })
final class RejectionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** {@code mnist rejection} alone: its usage, on standard error since nothing was run. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.USAGE;
  }
}
