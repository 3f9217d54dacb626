package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.export.OnnxExport;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.report.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mnist export}: a model in a format other runtimes load (ONNX). */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist export --format onnx [--model FILE] --out FILE",
    description = {
      "export a model for other runtimes: ONNX",
      "",
      "Writes a model as ONNX (IR 7, opset 13, float32 weights), which ONNX Runtime runs in"
          + " Python, C++, C#, Java or a web page. The input 'image' is [N, 1, 28, 28] (any batch"
          + " size N): pixels in [0, 1], the digit bright on a dark background, prepared like"
          + " MNIST's. The output 'probabilities' is [N, 10]. The model's metadata says the same."
          + " Without --model, exports the model shipped inside the app. See docs/onnx-export.md."
    })
final class ExportCommand extends Subcommand {
  /** The formats this command writes. */
  static final String FORMATS = "onnx";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "the file format to write: onnx (the only one so far)")
  String format;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "a model file written by 'mnist train' (default: the bundled model)")
  Path model;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "where to write the exported model, for example mnist.onnx")
  Path outFile;

  @Override
  void run() throws UsageException, IOException {
    if (format == null) {
      throw new UsageException("missing --format: say which format to write, --format onnx");
    }
    if (!format.equals("onnx")) {
      throw new UsageException("unknown --format '" + format + "'; the formats are: " + FORMATS);
    }
    if (outFile == null) {
      throw new UsageException(
          "missing --out FILE: where to write the model, e.g. --out mnist.onnx");
    }
    checkOutFile(outFile);
    ModelFile.Loaded loaded = model == null ? ModelFile.bundled() : ModelFile.load(model);
    String source = model == null ? "bundled" : String.valueOf(model.getFileName());
    OnnxExport.write(loaded, source, Provenance.App.current().version(), outFile);
    out.printf(
        "wrote %s (ONNX IR %d, opset %d, %,d bytes): '%s' from %s; input '%s' [N, 1, 28, 28],"
            + " output '%s' [N, 10]%n",
        outFile,
        OnnxExport.IR_VERSION,
        OnnxExport.OPSET,
        Files.size(outFile),
        loaded.architecture().name(),
        model == null ? "the bundled model" : model,
        OnnxExport.INPUT,
        OnnxExport.OUTPUT);
  }

  /** Fails before any work if {@code file} cannot be a file we write: a folder, or under a file. */
  private static void checkOutFile(Path file) throws UsageException {
    String prefix = "cannot write the model to " + file + ": ";
    if (Files.isDirectory(file)) {
      throw new UsageException(
          prefix + "it is a folder; name a file, e.g. --out " + file.resolve("mnist.onnx"));
    }
    Path existing = file.toAbsolutePath().normalize().getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new UsageException(prefix + existing + " is a file, not a folder");
    }
    if (existing != null && !Files.isWritable(existing)) {
      throw new UsageException(prefix + "no permission to write into " + existing);
    }
  }
}
