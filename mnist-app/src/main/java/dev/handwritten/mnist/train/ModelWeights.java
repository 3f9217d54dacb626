package dev.handwritten.mnist.train;

import dev.handwritten.layers.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's weights as plain arrays: every parameter, then every state tensor (batch
 * normalization's running statistics), in the model's order. What a checkpoint saves and the best
 * epoch keeps.
 */
final class ModelWeights {
  private ModelWeights() {}

  /** Copies of every parameter and state tensor. */
  static List<float[]> snapshot(Sequential model) {
    List<float[]> copy = new ArrayList<>();
    for (float[] values : live(model)) {
      copy.add(values.clone());
    }
    return copy;
  }

  /**
   * Writes {@code snapshot} back into the model's tensors.
   *
   * @throws IllegalArgumentException if the snapshot does not have the model's tensors and sizes
   */
  static void restore(Sequential model, List<float[]> snapshot) {
    List<float[]> targets = live(model);
    if (snapshot.size() != targets.size()) {
      throw new IllegalArgumentException(
          "Trainer: expected weights for " + targets.size() + " tensors, got " + snapshot.size());
    }
    for (int i = 0; i < targets.size(); i++) {
      if (snapshot.get(i).length != targets.get(i).length) {
        throw new IllegalArgumentException(
            "Trainer: expected "
                + targets.get(i).length
                + " values for tensor "
                + i
                + ", got "
                + snapshot.get(i).length);
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      System.arraycopy(snapshot.get(i), 0, targets.get(i), 0, targets.get(i).length);
    }
  }

  /** Whether every parameter is a finite number. */
  static boolean allFinite(Sequential model) {
    for (var p : model.parameters()) {
      for (float v : p.value().data()) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The model's own arrays, not copies. */
  private static List<float[]> live(Sequential model) {
    List<float[]> arrays = new ArrayList<>();
    model.parameters().forEach(p -> arrays.add(p.value().data()));
    model.state().forEach(t -> arrays.add(t.data()));
    return arrays;
  }
}
