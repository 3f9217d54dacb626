package dev.handwritten.mnist.photobench;

import java.util.List;

/**
 * One photo to draw: its style, the digits on each line, and the seed of everything left to chance
 * (the digits' spacing and placement, the paper's texture, the sensor's noise).
 *
 * @param lines the digits of each line, top line first, each line left to right
 */
record Scene(Style style, List<List<Digit>> lines, long seed) {
  Scene {
    lines = lines.stream().map(List::copyOf).toList();
    if (lines.isEmpty() || lines.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("Scene: expected at least one digit on every line");
    }
  }

  /**
   * A handwritten digit to put on the page.
   *
   * @param image 28 x 28 floats in [0, 1], ink high (an MNIST image)
   * @param label the digit it shows
   * @param source where it came from, e.g. its index in the MNIST test set
   */
  record Digit(float[] image, int label, int source) {}
}
