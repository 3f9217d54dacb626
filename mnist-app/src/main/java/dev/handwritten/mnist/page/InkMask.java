package dev.handwritten.mnist.page;

import java.awt.image.BufferedImage;

/**
 * Which pixels of a picture are ink.
 *
 * @param ink {@code [height, width]}, row-major, true for ink
 * @param width columns
 * @param height rows
 */
public record InkMask(boolean[] ink, int width, int height) {
  public InkMask {
    if (ink.length != (long) width * height) {
      throw new IllegalArgumentException(
          "InkMask: expected " + width + " x " + height + " pixels, got " + ink.length);
    }
  }

  public boolean get(int x, int y) {
    return ink[y * width + x];
  }

  /** How many pixels are ink. */
  public int count() {
    int n = 0;
    for (boolean b : ink) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** Black ink on white, for looking at a stage. */
  public BufferedImage toPicture() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < ink.length; i++) {
      data[i] = ink[i] ? 0 : (byte) 255;
    }
    return out;
  }
}
