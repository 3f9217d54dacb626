package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.data.DataLocator;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.DataSource;
import dev.handwritten.mnist.data.Downloader;
import dev.handwritten.mnist.data.MnistFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The options both commands share for finding data: {@code --data} and {@code --dataset}. */
final class DataOptions {
  private static final List<String> FASHION_CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private DataOptions() {}

  /** The training and test sets, where they came from, and the class names (empty for digits). */
  record Loaded(Path directory, DataSet train, DataSet test, List<String> classNames) {}

  /** The data to evaluate on, described for the report. */
  record Evaluated(String description, DataSet data, List<String> classNames) {}

  static Options declare(Options options) {
    return options
        .option(
            "--data",
            "DIR",
            "directory with the four IDX files (default: the per-user cache, downloading if needed)")
        .option(
            "--dataset",
            "NAME",
            "mnist or fashion: what to download, and the class names (default mnist)");
  }

  static Loaded loadTrainAndTest(Options o, PrintStream out) throws UsageException, IOException {
    Path dir = locate(o, out);
    return new Loaded(dir, DataSet.loadTrain(dir), DataSet.loadTest(dir), classNames(o));
  }

  static Evaluated loadForEvaluation(Options o, PrintStream out)
      throws UsageException, IOException {
    if (o.has("--images")) {
      Path images = o.path("--images").orElseThrow();
      Path labels = o.path("--labels").orElseThrow();
      return new Evaluated(images + " + " + labels, DataSet.load(images, labels), classNames(o));
    }
    Path dir = locate(o, out);
    return new Evaluated("test set in " + dir, DataSet.loadTest(dir), classNames(o));
  }

  private static Path locate(Options o, PrintStream out) throws UsageException, IOException {
    return DataLocator.resolve(
        o.path("--data"), source(o), new Downloader(Downloader.Listener.lines(out::println)));
  }

  private static DataSource source(Options o) throws UsageException {
    String name = o.string("--dataset").orElse("mnist");
    return switch (name) {
      case "mnist" -> MnistFiles.MNIST;
      case "fashion", "fashion-mnist" -> MnistFiles.FASHION_MNIST;
      default ->
          throw new UsageException("expected --dataset mnist or fashion, got '" + name + "'");
    };
  }

  private static List<String> classNames(Options o) throws UsageException {
    return source(o) == MnistFiles.FASHION_MNIST ? FASHION_CLASSES : List.of();
  }
}
