package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --model FILE}, once or several times: the models a command runs, through a Recognizer. */
final class ModelOptions {
  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "a model file written by 'mnist train'; give it several times for an ensemble"
              + " (default: the bundled model)")
  List<Path> files = new ArrayList<>();

  /** The models named, or the bundled model when there are none. */
  Recognizer load() throws IOException {
    return Recognizer.load(files);
  }
}
