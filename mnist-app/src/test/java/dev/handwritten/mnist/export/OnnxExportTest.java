package dev.handwritten.mnist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.LayerSpec;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The exported ONNX file: its structure, read back by an independent decoder, and the proof with
 * real tools: the ONNX checker accepts it and ONNX Runtime gives the probabilities our Recognizer
 * gives, within 1e-5, on the first 1,000 MNIST test images. The runtime part needs Python with
 * {@code onnx} and {@code onnxruntime} ({@code scripts/install-onnx-runtime.sh}, which {@code
 * .ci/run} calls) and is skipped, saying so, without them.
 */
class OnnxExportTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));
  private static final Path CHECK = Path.of("src/test/python/check_onnx.py");
  private static final int IMAGES = 1_000;
  private static final double TOLERANCE = 1e-5;

  @TempDir static Path dir;
  private static DataSet test;
  private static Optional<Path> python; // looked for once: each probe imports onnx

  @BeforeAll
  static void loadTestImages() throws IOException {
    test = DataSet.loadTest(MNIST).subset(0, IMAGES);
  }

  @Test
  void theBundledModel_becomesOneOperatorChainPerLayer() throws IOException {
    ModelFile.Loaded bundled = ModelFile.bundled();

    ProtoFields onnx = ProtoFields.parse(OnnxExport.encode(bundled, "bundled", "9.9"));

    assertEquals(List.of(7L), onnx.varints(1), "ir_version");
    assertEquals("handwritten", onnx.string(2));
    assertEquals("9.9", onnx.string(3));
    ProtoFields opset = onnx.message(8);
    assertEquals(List.of(""), opset.strings(1), "the default domain");
    assertEquals(List.of(13L), opset.varints(2), "opset");
    ProtoFields graph = onnx.message(7);
    List<String> block = List.of("Conv", "BatchNormalization", "Relu", "MaxPool");
    List<String> expected = new ArrayList<>(List.of("Sub", "Mul"));
    for (int i = 0; i < 3; i++) {
      expected.addAll(block);
    }
    expected.addAll(List.of("Flatten", "Identity", "Gemm", "Softmax"));
    assertEquals(expected, graph.messages(1).stream().map(node -> node.string(4)).toList());
    // Each node reads the value the one before it wrote; the last writes the graph's output.
    List<ProtoFields> nodes = graph.messages(1);
    String value = "image";
    for (ProtoFields node : nodes) {
      assertEquals(value, node.strings(1).getFirst(), node.string(3));
      value = node.string(2);
    }
    assertEquals("probabilities", value);
    // Every parameter and state tensor of the model, plus Normalize's two constants.
    int tensors = bundled.model().parameters().size() + bundled.model().state().size() + 2;
    assertEquals(tensors, graph.messages(5).size());
  }

  @Test
  void theInputHasADynamicBatch_andTheMetadataCarriesThePreprocessingContract() throws IOException {
    ProtoFields onnx = ProtoFields.parse(OnnxExport.encode(ModelFile.bundled(), "bundled", "9.9"));

    ProtoFields input = onnx.message(7).message(11);
    assertEquals("image", input.string(1));
    ProtoFields tensorType = input.message(2).message(1);
    assertEquals(List.of(1L), tensorType.varints(1), "float32");
    List<ProtoFields> dims = tensorType.message(2).messages(1);
    assertEquals(List.of("N"), dims.getFirst().strings(2), "a symbolic batch");
    assertEquals(
        List.of(1L, 28L, 28L), dims.subList(1, 4).stream().map(d -> d.varints(1).get(0)).toList());

    Map<String, String> metadata = new LinkedHashMap<>();
    for (ProtoFields entry : onnx.messages(14)) {
      metadata.put(entry.string(1), entry.string(2));
    }
    assertEquals("[N, 1, 28, 28]", metadata.get("input.shape"));
    assertEquals("[0, 1]", metadata.get("input.range"));
    assertTrue(metadata.get("input.ink").startsWith("high"), metadata.get("input.ink"));
    assertEquals("0.1307", metadata.get("normalize.mean"));
    assertEquals("0.3081", metadata.get("normalize.std"));
    assertEquals("[N, 10]", metadata.get("output.shape"));
    assertEquals("accurate", metadata.get("model.preset"));
  }

  @Test
  void onnxRuntime_givesOurProbabilities_forTheBundledModel() throws Exception {
    Path python = requirePython();
    ModelFile.Loaded bundled = ModelFile.bundled();
    float[] ours = Recognizer.of(List.of(bundled), List.of("bundled")).probabilities(test.images());

    JsonNode check = check(python, bundled, test.images(), ours, "bundled");

    double difference = check.get("max_abs_difference").asDouble();
    System.out.printf(
        "OnnxExportTest: ONNX Runtime %s (onnx %s, checker passed): bundled model, %d MNIST test"
            + " images, max |probability difference| %.3g, same digit on %d%n",
        check.get("onnxruntime").asString(),
        check.get("onnx").asString(),
        IMAGES,
        difference,
        check.get("same_digits").asInt());
    assertTrue(difference < TOLERANCE, () -> "max difference " + difference + ": " + check);
    assertTrue(check.get("single_image_difference").asDouble() < TOLERANCE, check::toString);
    assertEquals(IMAGES, check.get("same_digits").asInt(), check::toString);
    assertEquals("[1000,10]", check.get("output_shape").toString());
    assertEquals("0.1307", check.get("metadata").get("normalize.mean").asString());
  }

  @Test
  void onnxRuntime_givesOurProbabilities_forStridesPaddingOverlappingPoolsAndBatchNorm1d()
      throws Exception {
    Path python = requirePython();
    Architecture architecture =
        new Architecture(
            "odd",
            Shape.of(1, 28, 28),
            List.of(
                new LayerSpec.NormalizeSpec(0.5, 0.25),
                new LayerSpec.Conv(1, 4, 3, 2, 1), // 28 -> 14
                new LayerSpec.ReluSpec(),
                new LayerSpec.MaxPool(3, 2), // 14 -> 6, windows overlap
                new LayerSpec.FlattenSpec(),
                new LayerSpec.DenseSpec(4 * 6 * 6, 16),
                new LayerSpec.BatchNorm1dSpec(16, 0.1, 1e-3),
                new LayerSpec.ReluSpec(),
                new LayerSpec.DropoutSpec(0.3),
                new LayerSpec.DenseSpec(16, 10)));
    Sequential model = architecture.build(5);
    // Running statistics and BatchNorm's own weights away from their defaults (0, 1, 1, 0).
    SplittableRandom random = new SplittableRandom(3);
    for (Tensor t : model.state()) {
      for (int i = 0; i < t.size(); i++) {
        t.data()[i] = (float) random.nextDouble(0.5, 2);
      }
    }
    model.parameters().stream()
        .filter(p -> p.shape().rank() == 1)
        .forEach(p -> p.value().data()[0] += 0.5f);
    ModelFile.Loaded loaded = new ModelFile.Loaded(architecture, model, Map.of());
    float[] ours = Recognizer.inPlace(List.of(model)).probabilities(test.images());

    JsonNode check = check(python, loaded, test.images(), ours, "odd");

    double difference = check.get("max_abs_difference").asDouble();
    assertTrue(difference < TOLERANCE, () -> "max difference " + difference + ": " + check);
  }

  /** Exports, writes the images and our probabilities as raw float32, and runs the checker. */
  private static JsonNode check(
      Path python, ModelFile.Loaded model, Tensor images, float[] ours, String name)
      throws IOException, InterruptedException {
    Path onnx = dir.resolve(name + ".onnx");
    OnnxExport.write(model, name, "test", onnx);
    Path imageFile = writeFloats(dir.resolve(name + "-images.f32"), images.data());
    Path expectedFile = writeFloats(dir.resolve(name + "-expected.f32"), ours);
    Path errors = dir.resolve(name + "-check.err");
    Process process =
        new ProcessBuilder(
                python.toString(),
                CHECK.toString(),
                onnx.toString(),
                imageFile.toString(),
                expectedFile.toString())
            .redirectError(errors.toFile())
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "check_onnx.py took over 2 minutes");
    assertEquals(0, process.exitValue(), () -> "check_onnx.py failed: " + read(errors));
    return new ObjectMapper().readTree(output);
  }

  private static Path writeFloats(Path file, float[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return Files.write(file, bytes.array());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }

  /** A Python that has onnx and onnxruntime, or the test is skipped with the reason. */
  private static synchronized Path requirePython() throws InterruptedException {
    if (python == null) {
      python = findPython();
    }
    return python.orElseGet(
        () ->
            Assumptions.abort(
                "no Python with onnx and onnxruntime (looked at $HANDWRITTEN_ONNX_PYTHON,"
                    + " ~/.cache/handwritten-onnx/bin/python, python3);"
                    + " scripts/install-onnx-runtime.sh installs them, and .ci/run calls it"));
  }

  private static Optional<Path> findPython() throws InterruptedException {
    List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("HANDWRITTEN_ONNX_PYTHON")).ifPresent(candidates::add);
    candidates.add(System.getProperty("user.home") + "/.cache/handwritten-onnx/bin/python");
    candidates.add("python3");
    for (String candidate : candidates) {
      try {
        Process probe =
            new ProcessBuilder(candidate, "-c", "import onnx, onnxruntime, numpy")
                .redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(Path.of(candidate));
        }
      } catch (IOException notThere) {
        // try the next one
      }
    }
    return Optional.empty();
  }
}
