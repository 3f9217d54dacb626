package dev.handwritten.mnist.serve;

import java.time.Duration;

/**
 * What one request may cost the server, so that no client, careless or hostile, can take it down.
 *
 * @param maxBodyBytes the largest request body accepted; larger ones are answered 413 before they
 *     are read
 * @param maxPixels the largest picture accepted, width times height, checked from its header before
 *     any pixel is decoded (413 beyond it)
 * @param timeLimit how long a request may take from its arrival to its answer; beyond it the answer
 *     is 503 (the work still finishes, and still counts as in flight until it does)
 * @param maxInFlight how many requests may be received, waiting or worked on at once (work runs on
 *     one thread per core, in arrival order); one more is answered 429 at once, never queued
 */
public record Limits(long maxBodyBytes, long maxPixels, Duration timeLimit, int maxInFlight) {
  /**
   * 10 MB bodies (a phone photo is 2 to 8 MB as JPEG), 50-megapixel pictures, 30 seconds, 64
   * requests at once.
   */
  public static final Limits DEFAULT =
      new Limits(10L << 20, 50_000_000L, Duration.ofSeconds(30), 64);

  public Limits {
    if (maxBodyBytes < 1 || maxPixels < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException(
          "Limits: expected a body, pixels and requests in flight of at least 1, got "
              + maxBodyBytes
              + ", "
              + maxPixels
              + " and "
              + maxInFlight);
    }
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("Limits: expected a time limit above 0, got " + timeLimit);
    }
  }
}
