package dev.handwritten.mnist.cli;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.mnist.data.DigitImage;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.report.Plots;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** {@code mnist predict}: which digit each of the user's own pictures shows. */
final class PredictCommand {
  private static final String SUMMARY =
      """
      Usage: mnist predict [--model FILE ...] [--out DIR] FILE ...

      Recognizes the digit in each picture: PNG, JPEG, GIF or BMP, one digit per picture, dark
      ink on light paper or light on dark. Each picture is prepared the way MNIST's images were:
      cropped to the digit, scaled to fit 20 x 20 pixels, centred by its mass in 28 x 28. Prints
      the three most likely digits with their probabilities. With --out, also writes inputs.png:
      every picture as the network saw it, with its answer.""";

  private static final int SIZE = DigitImage.SIZE;

  private PredictCommand() {}

  static Options options() {
    return new Options("predict")
        .operands("FILE", "pictures, one digit in each (write ./-name for a name with a dash)")
        .repeatable(
            "--model",
            "FILE",
            "a model file written by 'mnist train'; give it several times for an ensemble"
                + " (default: the bundled model)")
        .option("--out", "DIR", "where to write inputs.png (default: nowhere)");
  }

  static void run(List<String> args, PrintStream out) throws UsageException, IOException {
    Options o = options().parse(args);
    if (o.helpRequested()) {
      out.print(o.help(SUMMARY));
      return;
    }
    List<String> files = o.operands();
    if (files.isEmpty()) {
      throw new UsageException("no picture given: name one or more picture files");
    }
    Optional<Path> outDir = o.path("--out");
    if (outDir.isPresent()) {
      RunOutputs.checkOutDir(outDir.get());
    }
    List<Sequential> models =
        EvaluateCommand.loadModels(o.strings("--model")).stream()
            .map(ModelFile.Loaded::model)
            .toList();
    for (Sequential model : models) {
      if (!model.sampleShape().equals(Shape.of(1, SIZE, SIZE))) {
        throw new IOException(
            "expected a model of 28 x 28 pictures, [1, 28, 28], got one of " + model.sampleShape());
      }
    }

    // Every picture is tried, so one bad file does not hide the answers for the others.
    List<String> read = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    float[] inputs = new float[files.size() * SIZE * SIZE];
    for (String file : files) {
      try {
        float[] x = DigitImage.read(Path.of(file));
        System.arraycopy(x, 0, inputs, read.size() * SIZE * SIZE, x.length);
        read.add(file);
      } catch (IOException e) {
        problems.add(Main.describe(e));
      }
    }
    int n = read.size();
    int[] predicted = new int[n];
    float[] confidence = new float[n];
    if (n > 0) {
      float[] x = Arrays.copyOf(inputs, n * SIZE * SIZE);
      float[] p = meanProbabilities(models, Tensor.of(x, n, 1, SIZE, SIZE));
      int classes = p.length / n;
      for (int i = 0; i < n; i++) {
        int row = i * classes;
        Integer[] ranked =
            IntStream.range(0, classes)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer k) -> -p[row + k]))
                .toArray(Integer[]::new);
        predicted[i] = ranked[0];
        confidence[i] = p[row + ranked[0]];
        out.printf(
            "%s: %d (%s); then %d (%s), %d (%s)%n",
            read.get(i),
            ranked[0],
            percent(p[row + ranked[0]]),
            ranked[1],
            percent(p[row + ranked[1]]),
            ranked[2],
            percent(p[row + ranked[2]]));
      }
      if (outDir.isPresent()) {
        Path png = outDir.get().resolve("inputs.png");
        Plots.recognized(
            x, read.stream().map(PredictCommand::shortName).toList(), predicted, confidence, png);
        out.println("wrote " + png);
      }
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

  /** The ensemble's mean softmax probabilities, [N, classes] row by row. */
  private static float[] meanProbabilities(List<Sequential> models, Tensor x) {
    float[] mean = null;
    for (Sequential model : models) {
      Tensor logits = model.forward(x, Mode.EVAL); // [N, classes]
      Tensor probabilities = Tensor.zeros(logits.shape());
      SoftmaxCrossEntropy.softmax(logits, probabilities);
      float[] p = probabilities.data();
      if (mean == null) {
        mean = new float[p.length];
      }
      for (int i = 0; i < p.length; i++) {
        mean[i] += p[i] / models.size();
      }
    }
    return mean;
  }

  private static String percent(double p) {
    return String.format("%.1f%%", 100 * p);
  }

  /** The file name, cut to fit under a picture. */
  private static String shortName(String file) {
    String name = Path.of(file).getFileName().toString();
    return name.length() <= 14 ? name : name.substring(0, 13) + "…";
  }
}
