package dev.handwritten.mnist;

import java.io.IOException;

/**
 * The contract every fuzz target checks: a reader given any bytes either succeeds or fails in one
 * of its documented ways, an {@link IOException} or an {@link IllegalArgumentException} whose
 * message says what is wrong. Anything else (a {@code NullPointerException}, an index out of
 * bounds, an {@code OutOfMemoryError}, a failure without a message) escapes, and Jazzer reports it
 * as a crash with the input that caused it.
 *
 * <p>A fuzz target is one small class with a Jazzer {@code @FuzzTest} method that calls {@link
 * #onlyDocumentedFailures}, and a seed corpus beside it in the test resources ({@code
 * <package>/<Class>Inputs/<method>/}); docs/fuzzing.md says how to run them.
 */
public final class Fuzzing {
  private Fuzzing() {}

  /** What a fuzz target runs on one input. */
  @FunctionalInterface
  public interface Action {
    void run() throws IOException;
  }

  /**
   * Runs {@code action}, accepting success and the documented failures only.
   *
   * @throws AssertionError for a documented exception type without a message
   */
  public static void onlyDocumentedFailures(Action action) {
    try {
      action.run();
    } catch (IOException | IllegalArgumentException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("a failure without a message: " + e, e);
      }
    }
  }
}
