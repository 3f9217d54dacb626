package dev.handwritten.mnist.demo;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the demo's frames go: an animated GIF or an MP4 video, chosen by the file's extension. The
 * file appears under its name only once complete ({@link #close()}); until then it is written
 * beside it under a temporary name, which a failed or interrupted run deletes.
 */
public interface Animation extends Closeable {
  /**
   * Adds a frame shown for {@code centiseconds} hundredths of a second.
   *
   * @param frame every frame has the first one's size
   */
  void frame(BufferedImage frame, int centiseconds) throws IOException;

  /** Finishes the file and moves it into place. */
  @Override
  void close() throws IOException;

  /** Leaves no file behind: for a run that failed. */
  void abandon();

  /**
   * An animation for {@code file}: {@code .gif} or {@code .mp4}.
   *
   * @throws IllegalArgumentException for any other extension
   */
  static Animation open(Path file, int width, int height) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gif")) {
      return new GifAnimation(file, width, height);
    }
    if (name.endsWith(".mp4")) {
      return new Mp4Animation(file, width, height);
    }
    throw new IllegalArgumentException(
        "expected --out to name a .gif or an .mp4 file, got " + file.getFileName());
  }
}
