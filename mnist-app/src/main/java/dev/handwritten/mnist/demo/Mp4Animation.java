package dev.handwritten.mnist.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * An MP4 video (H.264) through jcodec, a pure-Java encoder, at {@value #FPS} frames per second: a
 * frame shown longer is repeated.
 */
final class Mp4Animation implements Animation {
  static final int FPS = 10;

  private final TemporaryFile file;
  private final AWTSequenceEncoder encoder;
  private final int width;
  private final int height;
  private int owedCentiseconds; // time not yet covered by whole frames

  Mp4Animation(Path target, int width, int height) throws IOException {
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException(
          "Mp4Animation: expected an even width and height (H.264's 4:2:0), got "
              + width
              + " x "
              + height);
    }
    this.file = new TemporaryFile(target);
    this.width = width;
    this.height = height;
    this.encoder = AWTSequenceEncoder.createSequenceEncoder(file.path().toFile(), FPS);
  }

  @Override
  public void frame(BufferedImage frame, int centiseconds) throws IOException {
    if (frame.getWidth() != width || frame.getHeight() != height) {
      throw new IllegalArgumentException(
          "Mp4Animation: expected frames of " + width + " x " + height);
    }
    owedCentiseconds += centiseconds;
    int perFrame = 100 / FPS;
    // Each picture at least once, and as many times as its time fills, rounded.
    int repeats = Math.max(1, Math.round(owedCentiseconds / (float) perFrame));
    for (int i = 0; i < repeats; i++) {
      encoder.encodeImage(frame);
    }
    owedCentiseconds -= repeats * perFrame;
  }

  @Override
  public void close() throws IOException {
    try {
      encoder.finish();
      file.moveIntoPlace();
    } catch (IOException | RuntimeException e) {
      file.delete();
      throw e;
    }
  }

  @Override
  public void abandon() {
    file.delete();
  }
}
