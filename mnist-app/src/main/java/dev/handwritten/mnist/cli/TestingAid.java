package dev.handwritten.mnist.cli;

import java.io.PrintStream;
import java.util.concurrent.locks.LockSupport;

/**
 * A testing aid, documented for anyone who tests what a killed run leaves behind: with {@value
 * #VARIABLE} set to a stopping point, the app prints {@code "<VARIABLE>: stopped at <point>"} on
 * standard error when it gets there and waits, doing nothing, until it is killed. Tests kill it
 * then, knowing exactly where it was, without guessing with sleeps. The points:
 *
 * <ul>
 *   <li>{@code mid-epoch:E}: halfway through the steps of epoch E;
 *   <li>{@code checkpoint-write:E}: inside the write of epoch E's checkpoint, half of it on disk in
 *       the temporary file, before the rename that would make it the checkpoint;
 *   <li>{@code outputs-written}: every output written into the {@code .partial} folder, before the
 *       rename that publishes it.
 * </ul>
 *
 * Unset (always, outside tests), it costs one comparison per step.
 */
final class TestingAid {
  static final String VARIABLE = "HANDWRITTEN_TEST_STOP_AT";

  private static final String POINT = System.getenv(VARIABLE);

  private TestingAid() {}

  /** Stops here for good if the variable names this point. */
  static void stopIfAsked(String point, PrintStream err) {
    if (POINT == null || !POINT.equals(point)) {
      return;
    }
    err.println(VARIABLE + ": stopped at " + point);
    err.flush();
    while (true) {
      LockSupport.park();
    }
  }
}
