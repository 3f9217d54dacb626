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
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that find the data, shared by {@code train} and {@code evaluate}. */
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

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "directory with the four IDX files (default: the per-user cache, downloading if needed)")
  Path data;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      completionCandidates = DatasetNames.class,
      description = "mnist or fashion: what to download, and the class names (default mnist)")
  String dataset = "mnist";

  static final class DatasetNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    DatasetNames() {
      super(List.of("mnist", "fashion"));
    }
  }

  /** The training and test sets, where they came from, and the class names (empty for digits). */
  record Loaded(Path directory, DataSet train, DataSet test, List<String> classNames) {}

  /** The data to evaluate on, described for the report. */
  record Evaluated(String description, DataSet data, List<String> classNames) {}

  /** Fails at once on an unknown --dataset, before any data is read or downloaded. */
  void check() throws UsageException {
    source();
  }

  Loaded loadTrainAndTest(PrintStream out) throws UsageException, IOException {
    Path dir = locate(out);
    return new Loaded(dir, DataSet.loadTrain(dir), DataSet.loadTest(dir), classNames());
  }

  /** The IDX pair when both are given, else the test set of the located data. */
  Evaluated loadForEvaluation(Optional<Path> images, Optional<Path> labels, PrintStream out)
      throws UsageException, IOException {
    if (images.isPresent() && labels.isPresent()) {
      return new Evaluated(
          images.get() + " + " + labels.get(),
          DataSet.load(images.get(), labels.get()),
          classNames());
    }
    Path dir = locate(out);
    return new Evaluated("test set in " + dir, DataSet.loadTest(dir), classNames());
  }

  /** {@code mnist} or {@code fashion}, as recorded in metrics.json. */
  String datasetName() throws UsageException {
    return source() == MnistFiles.FASHION_MNIST ? "fashion" : "mnist";
  }

  private Path locate(PrintStream out) throws UsageException, IOException {
    return DataLocator.resolve(
        Optional.ofNullable(data),
        source(),
        new Downloader(Downloader.Listener.lines(out::println)));
  }

  private DataSource source() throws UsageException {
    return switch (dataset) {
      case "mnist" -> MnistFiles.MNIST;
      case "fashion", "fashion-mnist" -> MnistFiles.FASHION_MNIST;
      default ->
          throw new UsageException("expected --dataset mnist or fashion, got '" + dataset + "'");
    };
  }

  private List<String> classNames() throws UsageException {
    return source() == MnistFiles.FASHION_MNIST ? FASHION_CLASSES : List.of();
  }
}
