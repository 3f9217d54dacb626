package dev.handwritten.mnist.model;

import dev.handwritten.layers.Layer;
import dev.handwritten.layers.Sequential;
import dev.handwritten.tensor.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A named model architecture: the input sample shape and the layers, without weights.
 *
 * @param name the preset name, for example {@code "reference"}
 * @param sampleShape one input, for example {@code [1, 28, 28]}
 * @param layers in order
 */
public record Architecture(String name, Shape sampleShape, List<LayerSpec> layers) {
  public Architecture {
    layers = List.copyOf(layers);
  }

  /**
   * A model of this architecture with fresh weights. Layer {@code i} is seeded with {@code seed +
   * i}, so the same seed always gives the same weights.
   *
   * @throws IllegalArgumentException if the layers do not fit together
   */
  public Sequential build(long seed) {
    List<Layer> built = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      built.add(layers.get(i).build(seed + i));
    }
    return new Sequential(sampleShape, built);
  }
}
