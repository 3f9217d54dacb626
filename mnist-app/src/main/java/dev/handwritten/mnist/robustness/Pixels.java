package dev.handwritten.mnist.robustness;

/** The suite's pictures: 28 x 28, row by row, values in [0, 1], ink high. */
final class Pixels {
  static final int SIDE = 28;

  private Pixels() {}
}
