package dev.handwritten.mnist.model;

import dev.handwritten.tensor.Shape;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The model architectures the app can train, by name. */
public final class Presets {
  /** The mean and standard deviation of MNIST's training pixels, scaled to [0, 1]. */
  public static final double MNIST_MEAN = 0.1307;

  public static final double MNIST_STD = 0.3081;

  private Presets() {}

  /**
   * The reference CNN, Keras's "simple MNIST convnet": Conv 32 3x3 + ReLU, MaxPool 2, Conv 64 3x3 +
   * ReLU, MaxPool 2, Flatten, Dropout 0.5, Dense 10 (softmax is in the loss). 34,826 parameters.
   */
  public static final Architecture REFERENCE =
      new Architecture(
          "reference",
          Shape.of(1, 28, 28),
          List.of(
              new LayerSpec.NormalizeSpec(MNIST_MEAN, MNIST_STD),
              new LayerSpec.Conv(1, 32, 3, 1, 0),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.Conv(32, 64, 3, 1, 0),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.FlattenSpec(),
              new LayerSpec.DropoutSpec(0.5),
              new LayerSpec.DenseSpec(1600, 10)));

  /**
   * A small VGG-like CNN with batch normalization, aimed at accuracy: three blocks of Conv 3x3
   * (padding 1) + BatchNorm + ReLU + MaxPool 2 with 32, 64 and 128 channels, then Dropout 0.4 and
   * Dense 10. About three times the reference CNN's arithmetic; meant to be trained with {@code
   * --augment} and a decaying learning rate.
   */
  public static final Architecture ACCURATE =
      new Architecture(
          "accurate",
          Shape.of(1, 28, 28),
          List.of(
              new LayerSpec.NormalizeSpec(MNIST_MEAN, MNIST_STD),
              new LayerSpec.Conv(1, 32, 3, 1, 1),
              new LayerSpec.BatchNorm2dSpec(32, 0.1, 1e-5),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.Conv(32, 64, 3, 1, 1),
              new LayerSpec.BatchNorm2dSpec(64, 0.1, 1e-5),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.Conv(64, 128, 3, 1, 1),
              new LayerSpec.BatchNorm2dSpec(128, 0.1, 1e-5),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.FlattenSpec(),
              new LayerSpec.DropoutSpec(0.4),
              new LayerSpec.DenseSpec(128 * 3 * 3, 10)));

  private static final Map<String, Architecture> BY_NAME =
      new TreeMap<>(Map.of("reference", REFERENCE, "accurate", ACCURATE));

  /** The preset names, sorted. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * @throws IllegalArgumentException naming the known presets if {@code name} is not one
   */
  public static Architecture byName(String name) {
    Architecture architecture = BY_NAME.get(name);
    if (architecture == null) {
      throw new IllegalArgumentException(
          "unknown model preset '" + name + "'; known presets: " + String.join(", ", names()));
    }
    return architecture;
  }
}
