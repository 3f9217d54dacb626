package dev.handwritten.mnist.export;

import dev.handwritten.layers.BatchNorm;
import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Layer;
import dev.handwritten.layers.Normalize;
import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.mnist.model.LayerSpec;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model as an ONNX file (IR version {@value #IR_VERSION}, opset {@value #OPSET}, float32
 * weights), which ONNX Runtime and other tools load: input {@value #INPUT} {@code [N, 1, 28, 28]}
 * with a dynamic batch {@code N}, pixels in [0, 1] and ink high; output {@value #OUTPUT} {@code [N,
 * 10]}, the softmax the app's {@code Recognizer} computes. The preprocessing contract (input size,
 * range, ink, the Normalize constants) is written into the model's {@code metadata_props}.
 *
 * <pre>{@code
 * OnnxExport.write(ModelFile.bundled(), "bundled", "0.1.0", Path.of("mnist.onnx"));
 * }</pre>
 *
 * <p>Each layer becomes the ONNX operators that compute the same function in evaluation:
 *
 * <pre>
 *   Normalize      Sub(x, mean), Mul(., 1 / std)     float32 constants, as the layer computes
 *   Conv2d         Conv, weight [OC, C, K, K], bias [OC], strides, pads on all four sides
 *   BatchNorm2d/1d BatchNormalization(scale, bias, running mean, running variance), epsilon
 *   Relu           Relu
 *   MaxPool2d      MaxPool, kernel and strides, floored output (ceil_mode 0)
 *   Flatten        Flatten(axis 1): [N, C, H, W] to [N, C*H*W], row-major like ours
 *   Dropout        Identity (evaluation)
 *   Dense          Gemm(x, weight, bias, transB 1): the weight is stored [out, in]
 *   (after all)    Softmax(axis 1)
 * </pre>
 */
public final class OnnxExport {
  /** ONNX's file format version: IR 7 came with opset 13 (ONNX 1.8). */
  public static final int IR_VERSION = 7;

  /** The version of the default ONNX operator set. */
  public static final int OPSET = 13;

  /** The graph's input: images {@code [N, ...sample shape]}. */
  public static final String INPUT = "image";

  /** The graph's output: class probabilities {@code [N, classes]}. */
  public static final String OUTPUT = "probabilities";

  // onnx.proto's field numbers and enum values, for the messages written here.
  private static final int TENSOR_FLOAT = 1; // TensorProto.DataType.FLOAT
  private static final int ATTRIBUTE_FLOAT = 1; // AttributeProto.AttributeType
  private static final int ATTRIBUTE_INT = 2;
  private static final int ATTRIBUTE_INTS = 7;

  private OnnxExport() {}

  /**
   * Writes {@code model} as ONNX to {@code file}, atomically: through a temporary file beside it
   * and a move, so an interrupted export never leaves a half-written file under the name.
   *
   * @param source where the model came from, for the metadata (a file name, or {@code bundled})
   * @param producerVersion this app's version, recorded as the producer's
   * @throws IOException if the file cannot be written
   */
  public static void write(ModelFile.Loaded model, String source, String producerVersion, Path file)
      throws IOException {
    byte[] bytes = encode(model, source, producerVersion);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /**
   * The ONNX {@code ModelProto} of {@code model}, encoded.
   *
   * @param source where the model came from, for the metadata
   * @param producerVersion this app's version
   * @return the bytes of an ONNX file
   */
  public static byte[] encode(ModelFile.Loaded model, String source, String producerVersion) {
    Shape sample = model.architecture().sampleShape();
    int classes = model.model().outputShape(sample.batched(1)).dim(1);
    ProtoWriter onnx =
        new ProtoWriter()
            .varint(1, IR_VERSION)
            .string(2, "handwritten")
            .string(3, producerVersion)
            .string(
                6,
                "A handwritten-digit recognizer ('"
                    + model.architecture().name()
                    + "') trained with handwritten, a pure-Java neural-network library.")
            .message(7, graph(model, sample, classes))
            .message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
    for (Map.Entry<String, String> entry : metadata(model, source, classes).entrySet()) {
      onnx.message(14, new ProtoWriter().string(1, entry.getKey()).string(2, entry.getValue()));
    }
    return onnx.toByteArray();
  }

  /**
   * The contract a caller of the ONNX model must keep, and where the model came from: {@code
   * input.*}, {@code normalize.*}, {@code output.*}, then the model file's own metadata as {@code
   * model.*} (seed, epochs, accuracy).
   */
  static Map<String, String> metadata(ModelFile.Loaded model, String source, int classes) {
    Shape sample = model.architecture().sampleShape();
    Map<String, String> metadata = new LinkedHashMap<>();
    String dims = sample.toString().substring(1, sample.toString().length() - 1);
    metadata.put("input.name", INPUT);
    metadata.put("input.shape", "[N, " + dims + "]");
    metadata.put("input.range", "[0, 1]");
    metadata.put(
        "input.ink",
        "high: the digit bright (1.0) on a dark (0.0) background, as in MNIST; invert a scan of"
            + " dark ink on white paper");
    metadata.put(
        "input.preparation",
        "as MNIST's digits: crop to the digit, scale it to fit 20 x 20, centre its mass in 28 x 28");
    for (LayerSpec spec : model.architecture().layers()) {
      if (spec instanceof LayerSpec.NormalizeSpec normalize) {
        metadata.put("normalize.mean", Double.toString(normalize.mean()));
        metadata.put("normalize.std", Double.toString(normalize.std()));
        metadata.put(
            "normalize.note",
            "inside the model, as its first operators: feed raw [0, 1] pixels, do not normalize"
                + " again");
        break;
      }
    }
    metadata.put("output.name", OUTPUT);
    metadata.put("output.shape", "[N, " + classes + "]");
    metadata.put("output.meaning", "softmax probabilities of the digits 0 to " + (classes - 1));
    metadata.put("model.preset", model.architecture().name());
    metadata.put("model.source", source);
    model.metadata().forEach((key, value) -> metadata.put("model." + key, value));
    return metadata;
  }

  private static ProtoWriter graph(ModelFile.Loaded model, Shape sample, int classes) {
    Graph graph = new Graph();
    List<Layer> layers = model.model().layers();
    List<LayerSpec> specs = model.architecture().layers();
    for (int i = 0; i < specs.size(); i++) {
      graph.add(i, specs.get(i), layers.get(i));
    }
    graph.node("softmax", "Softmax", List.of(graph.current), OUTPUT, intAttribute("axis", 1));

    ProtoWriter g = new ProtoWriter();
    graph.nodes.forEach(node -> g.message(1, node));
    g.string(2, model.architecture().name());
    graph.initializers.forEach(tensor -> g.message(5, tensor));
    g.message(11, valueInfo(INPUT, sample.dims()));
    g.message(12, valueInfo(OUTPUT, new int[] {classes}));
    return g;
  }

  /** The nodes and initializers so far, and the name of the value the last node produced. */
  private static final class Graph {
    final List<ProtoWriter> nodes = new ArrayList<>();
    final List<ProtoWriter> initializers = new ArrayList<>();
    String current = INPUT;

    void add(int index, LayerSpec spec, Layer layer) {
      String name = "layer" + index;
      switch (spec) {
        case LayerSpec.NormalizeSpec n -> {
          Normalize normalize = (Normalize) layer;
          // As Normalize.forward computes it: (x - mean) * (1 / std), all in float32.
          float mean = (float) normalize.mean();
          float scale = 1f / (float) normalize.std();
          String meanName = constant(name + ".mean", new int[0], new float[] {mean});
          step(name + ".sub", "Sub", List.of(current, meanName));
          String scaleName = constant(name + ".scale", new int[0], new float[] {scale});
          step(name + ".mul", "Mul", List.of(current, scaleName));
        }
        case LayerSpec.Conv c -> {
          Conv2d conv = (Conv2d) layer;
          step(
              name,
              "Conv",
              List.of(
                  current,
                  constant(name + ".weight", conv.weight().value()),
                  constant(name + ".bias", conv.bias().value())),
              intsAttribute("kernel_shape", c.kernelSize(), c.kernelSize()),
              intsAttribute("strides", c.stride(), c.stride()),
              intsAttribute("pads", c.padding(), c.padding(), c.padding(), c.padding()));
        }
        case LayerSpec.BatchNorm2dSpec b -> batchNorm(name, (BatchNorm) layer, b.eps());
        case LayerSpec.BatchNorm1dSpec b -> batchNorm(name, (BatchNorm) layer, b.eps());
        case LayerSpec.ReluSpec r -> step(name, "Relu", List.of(current));
        case LayerSpec.MaxPool p ->
            step(
                name,
                "MaxPool",
                List.of(current),
                intsAttribute("kernel_shape", p.kernelSize(), p.kernelSize()),
                intsAttribute("strides", p.stride(), p.stride()));
        case LayerSpec.FlattenSpec f ->
            step(name, "Flatten", List.of(current), intAttribute("axis", 1));
        case LayerSpec.DropoutSpec d -> step(name, "Identity", List.of(current));
        case LayerSpec.DenseSpec d -> {
          Dense dense = (Dense) layer;
          step(
              name,
              "Gemm",
              List.of(
                  current,
                  constant(name + ".weight", dense.weight().value()),
                  constant(name + ".bias", dense.bias().value())),
              intAttribute("transB", 1));
        }
      }
    }

    private void batchNorm(String name, BatchNorm layer, double eps) {
      List<Tensor> running = layer.state(); // mean, then variance
      step(
          name,
          "BatchNormalization",
          List.of(
              current,
              constant(name + ".weight", layer.weight().value()),
              constant(name + ".bias", layer.bias().value()),
              constant(name + ".running_mean", running.get(0)),
              constant(name + ".running_var", running.get(1))),
          floatAttribute("epsilon", (float) eps));
    }

    /** A node whose output becomes the current value. */
    private void step(String name, String op, List<String> inputs, ProtoWriter... attributes) {
      current = node(name, op, inputs, name + ".out", attributes);
    }

    private String node(
        String name, String op, List<String> inputs, String output, ProtoWriter... attributes) {
      ProtoWriter node = new ProtoWriter();
      inputs.forEach(input -> node.string(1, input));
      node.string(2, output).string(3, name).string(4, op);
      for (ProtoWriter attribute : attributes) {
        node.message(5, attribute);
      }
      nodes.add(node);
      return output;
    }

    private String constant(String name, Tensor value) {
      return constant(name, value.shape().dims(), value.data());
    }

    /** A float32 initializer ({@code TensorProto}), its values little-endian in raw_data. */
    private String constant(String name, int[] dims, float[] values) {
      ProtoWriter tensor = new ProtoWriter();
      for (int d : dims) {
        tensor.varint(1, d);
      }
      ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      raw.asFloatBuffer().put(values);
      tensor.varint(2, TENSOR_FLOAT).string(8, name).bytes(9, raw.array());
      initializers.add(tensor);
      return name;
    }
  }

  /** A {@code ValueInfoProto}: a float32 tensor {@code [N, ...dims]}, {@code N} symbolic. */
  private static ProtoWriter valueInfo(String name, int[] dims) {
    ProtoWriter shape = new ProtoWriter().message(1, new ProtoWriter().string(2, "N"));
    for (int d : dims) {
      shape.message(1, new ProtoWriter().varint(1, d));
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, TENSOR_FLOAT).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
  }

  private static ProtoWriter intAttribute(String name, long value) {
    return new ProtoWriter().string(1, name).varint(20, ATTRIBUTE_INT).varint(3, value);
  }

  private static ProtoWriter intsAttribute(String name, long... values) {
    ProtoWriter attribute = new ProtoWriter().string(1, name).varint(20, ATTRIBUTE_INTS);
    for (long value : values) {
      attribute.varint(8, value);
    }
    return attribute;
  }

  private static ProtoWriter floatAttribute(String name, float value) {
    return new ProtoWriter().string(1, name).varint(20, ATTRIBUTE_FLOAT).float32(2, value);
  }
}
