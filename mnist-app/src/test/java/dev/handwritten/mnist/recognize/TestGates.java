package dev.handwritten.mnist.recognize;

import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.LayerSpec;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.tensor.Shape;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gates with a known answer, for tests: they say the same whatever they see. */
public final class TestGates {
  /** Flatten then Dense: with zero weights, the gate's logits are its biases for any image. */
  static final Architecture CONSTANT =
      new Architecture(
          "constant gate",
          Shape.of(1, 28, 28),
          List.of(new LayerSpec.FlattenSpec(), new LayerSpec.DenseSpec(28 * 28, 5)));

  private TestGates() {}

  /** A gate that answers softmax(logits) for every image, with the given threshold. */
  public static Gate constant(String threshold, float... logits) throws IOException {
    return Gate.of(file(threshold, logits), "test gate");
  }

  /** The file of {@link #constant}: its metadata map may be changed. */
  public static ModelFile.Loaded file(String threshold, float... logits) {
    Sequential model = CONSTANT.build(0);
    Dense dense = (Dense) model.layers().get(1);
    Arrays.fill(dense.weight().value().data(), 0f);
    System.arraycopy(logits, 0, dense.bias().value().data(), 0, logits.length);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(Gate.CLASSES, Gate.classNames());
    metadata.put(Gate.THRESHOLD, threshold);
    metadata.put("seed", "1");
    return new ModelFile.Loaded(CONSTANT, model, metadata);
  }
}
