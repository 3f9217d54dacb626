package dev.handwritten.mnist.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a report says of one model: where it came from, its architecture and size, and the metadata
 * its file carries.
 *
 * @param source the model file, or {@code bundled} for the model inside the app
 * @param preset its architecture's name
 * @param parameters its trainable values
 * @param metadata the key-value pairs of its file (seed, epochs, accuracy), in order
 */
public record ModelInfo(
    String source, String preset, long parameters, Map<String, String> metadata) {
  public ModelInfo {
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
