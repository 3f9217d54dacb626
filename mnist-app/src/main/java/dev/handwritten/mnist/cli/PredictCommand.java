package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.data.DigitImage;
import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mnist predict}: which digit each of the user's own pictures shows. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist predict [--model FILE ...] [--out DIR] FILE ...",
    description = {
      "recognize the digit in your own pictures (PNG, JPEG, GIF, BMP)",
      "",
      "Recognizes the digit in each picture: PNG, JPEG, GIF or BMP, one digit per picture, dark"
          + " ink on light paper or light on dark. Each picture is prepared the way MNIST's images"
          + " were: cropped to the digit, scaled to fit 20 x 20 pixels, centred by its mass in 28"
          + " x 28. Prints the three most likely digits with their probabilities. With --out, also"
          + " writes inputs.png: every picture as the network saw it, with its answer."
    })
final class PredictCommand extends Subcommand {
  @Parameters(
      paramLabel = "FILE ...",
      hideParamSyntax = true,
      arity = "0..*",
      description = "pictures, one digit in each (write ./-name for a name with a dash)")
  List<Path> files = new ArrayList<>();

  @Mixin ModelOptions models;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write inputs.png (default: nowhere)")
  Path outDir;

  @Override
  void run() throws UsageException, IOException {
    if (files.isEmpty()) {
      throw new UsageException("no picture given: name one or more picture files");
    }
    if (outDir != null) {
      RunOutputs.checkOutDir(outDir);
    }
    Recognizer recognizer = models.load();

    // Every picture is tried, so one bad file does not hide the answers for the others.
    List<Path> read = new ArrayList<>();
    List<Recognition> answers = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      try {
        Recognition r = recognizer.recognize(file);
        read.add(file);
        answers.add(r);
        List<Recognition.Guess> top = r.top(3);
        out.printf(
            "%s: %d (%s); then %d (%s), %d (%s)%n",
            file,
            top.get(0).digit(),
            percent(top.get(0).probability()),
            top.get(1).digit(),
            percent(top.get(1).probability()),
            top.get(2).digit(),
            percent(top.get(2).probability()));
      } catch (IOException e) {
        problems.add(Main.describe(e));
      }
    }
    if (outDir != null && !answers.isEmpty()) {
      Path png = outDir.resolve("inputs.png");
      int size = DigitImage.SIZE * DigitImage.SIZE;
      float[] inputs = new float[answers.size() * size];
      int[] predicted = new int[answers.size()];
      float[] confidence = new float[answers.size()];
      for (int i = 0; i < answers.size(); i++) {
        System.arraycopy(answers.get(i).input(), 0, inputs, i * size, size);
        predicted[i] = answers.get(i).digit();
        confidence[i] = answers.get(i).probability();
      }
      Plots.recognized(
          inputs,
          read.stream().map(PredictCommand::shortName).toList(),
          predicted,
          confidence,
          png);
      out.println("wrote " + png);
    }
    if (!problems.isEmpty()) {
      throw new IOException(
          problems.size()
              + " of "
              + files.size()
              + (files.size() == 1 ? " picture" : " pictures")
              + " could not be recognized:\n  "
              + String.join("\n  ", problems));
    }
  }

  private static String percent(double p) {
    return String.format("%.1f%%", 100 * p);
  }

  /** The file name, cut to fit under a picture. */
  private static String shortName(Path file) {
    String name = file.getFileName().toString();
    return name.length() <= 14 ? name : name.substring(0, 13) + "…";
  }
}
