package dev.handwritten.mnist.photobench;

/**
 * The pen a digit is written with: a line of uniform width drawn along the centre of the MNIST
 * writer's stroke, so that one digit can be written in thin pencil, ballpoint or thick marker.
 *
 * @param width the line's width in photo pixels, at least 0.8
 */
record Pen(double width) {
  Pen {
    if (!(width >= 0.8)) {
      throw new IllegalArgumentException("Pen: expected a width >= 0.8 pixels, got " + width);
    }
  }
}
