package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mnist export}: the bundled model or a file to ONNX, and one clear line for each bad input.
 * OnnxExportTest proves the file itself with ONNX Runtime.
 */
class ExportCommandTest {
  @TempDir Path dir;

  @Test
  void exportsTheBundledModel_byDefault() throws IOException {
    Path onnx = dir.resolve("models/mnist.onnx"); // the folder is made

    MainTest.Outcome o = MainTest.run("export", "--format", "onnx", "--out", onnx.toString());

    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().startsWith("wrote " + onnx + " (ONNX IR 7, opset 13, "), o.out());
    assertTrue(o.out().contains("'accurate' from the bundled model"), o.out());
    // A ModelProto starts with its ir_version, field 1: 08 07.
    byte[] bytes = Files.readAllBytes(onnx);
    assertEquals("0807", HexFormat.of().formatHex(bytes, 0, 2));
    assertTrue(bytes.length > 400_000, "the bundled model's weights: " + bytes.length);
    try (var files = Files.list(onnx.getParent())) {
      assertEquals(List.of(onnx), files.toList(), "no temporary file left beside it");
    }
  }

  @Test
  void exportsAModelFile_andReplacesAnOldExport() throws IOException {
    Path model = dir.resolve("model.hwnn");
    ModelFile.Loaded bundled = ModelFile.bundled();
    ModelFile.save(model, bundled.architecture(), bundled.model(), bundled.metadata());
    Path onnx = Files.writeString(dir.resolve("mnist.onnx"), "an old export");

    MainTest.Outcome o =
        MainTest.run("export", "--format", "onnx", "--model", model.toString(), "--out", "" + onnx);

    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("from " + model), o.out());
    byte[] bytes = Files.readAllBytes(onnx);
    assertEquals("0807", HexFormat.of().formatHex(bytes, 0, 2), "the old file was replaced");
    assertTrue(bytes.length > 400_000, "the model's weights: " + bytes.length);
  }

  @Test
  void missingOut_isAUsageError() {
    MainTest.Outcome o = MainTest.run("export", "--format", "onnx");

    assertEquals(2, o.status());
    assertEquals(
        "mnist: missing --out FILE: where to write the model, e.g. --out mnist.onnx\n"
            + "Run 'mnist export --help' for usage.\n",
        o.err());
  }

  @Test
  void missingFormat_isAUsageError() {
    MainTest.Outcome o = MainTest.run("export", "--out", dir.resolve("m.onnx").toString());

    assertEquals(2, o.status());
    assertTrue(
        o.err().startsWith("mnist: missing --format: say which format to write, --format onnx\n"),
        o.err());
  }

  @Test
  void unknownFormat_isAUsageError_namingTheFormats() {
    Path out = dir.resolve("m.tflite");

    MainTest.Outcome o = MainTest.run("export", "--format", "tflite", "--out", out.toString());

    assertEquals(2, o.status());
    assertTrue(
        o.err().startsWith("mnist: unknown --format 'tflite'; the formats are: onnx\n"), o.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void outUnderAFile_isAUsageError() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "a file, not a folder");
    Path out = file.resolve("mnist.onnx");

    MainTest.Outcome o = MainTest.run("export", "--format", "onnx", "--out", out.toString());

    assertEquals(2, o.status());
    assertTrue(
        o.err()
            .startsWith(
                "mnist: cannot write the model to " + out + ": " + file + " is a file, not a"),
        o.err());
  }

  @Test
  void outIsAFolder_isAUsageError() {
    MainTest.Outcome o = MainTest.run("export", "--format", "onnx", "--out", dir.toString());

    assertEquals(2, o.status());
    assertTrue(
        o.err()
            .startsWith(
                "mnist: cannot write the model to "
                    + dir
                    + ": it is a folder; name a file, e.g. --out "
                    + dir.resolve("mnist.onnx")),
        o.err());
  }

  @Test
  void aModelFileThatIsNotAModel_isNamed() throws IOException {
    Path notAModel = Files.writeString(dir.resolve("digits.onnx"), "not a model");
    Path out = dir.resolve("out.onnx");

    MainTest.Outcome o =
        MainTest.run(
            "export", "--format", "onnx", "--model", notAModel.toString(), "--out", "" + out);

    assertEquals(1, o.status());
    assertEquals(
        "mnist: error: model file "
            + notAModel
            + ": not a handwritten model file (wrong magic bytes)\n",
        o.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aMissingModelFile_isNamed() {
    Path missing = dir.resolve("missing.hwnn");

    MainTest.Outcome o =
        MainTest.run(
            "export", "--format", "onnx", "--model", "" + missing, "--out", "" + dir.resolve("o"));

    assertEquals(1, o.status());
    assertEquals("mnist: error: " + missing + ": no such file or folder\n", o.err());
  }
}
