package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.data.DataSet;
import java.io.IOException;
import java.util.Map;

/** What the rejection commands read from a gate file's metadata. */
final class GateFiles {
  private GateFiles() {}

  /**
   * MNIST's training set cut as it was when the gate was trained: the gate's metadata names the
   * held-out count and the seed that chose them.
   *
   * @throws IOException if the gate does not record them, or the data cannot be read
   */
  static DataSet.Split validationSplit(Map<String, String> gate, DataSet train) throws IOException {
    int validation = (int) number(gate, "validation");
    long splitSeed = number(gate, "split_seed");
    if (validation < 1 || validation >= train.size()) {
      throw new IOException(
          "the gate was trained without "
              + validation
              + " validation images, but the training set has "
              + train.size());
    }
    return train.split(validation, splitSeed);
  }

  /** A whole number from the metadata. */
  static long number(Map<String, String> metadata, String key) throws IOException {
    try {
      return Long.parseLong(metadata.getOrDefault(key, ""));
    } catch (NumberFormatException e) {
      throw new IOException(
          "the gate file does not record its '"
              + key
              + "' (got '"
              + metadata.get(key)
              + "'); was it written by 'mnist rejection train-gate'?",
          e);
    }
  }
}
