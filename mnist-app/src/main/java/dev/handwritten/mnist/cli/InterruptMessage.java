package dev.handwritten.mnist.cli;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The one line a command prints when Ctrl-C (SIGINT) or {@code kill} (SIGTERM) stops it: what was
 * saved, and how to go on. The JVM runs shutdown hooks on those signals and then exits with 130
 * (128 + SIGINT) or 143 (128 + SIGTERM); this registers a hook that prints the line, for as long as
 * the command runs.
 *
 * <pre>{@code
 * try (InterruptMessage ignored = InterruptMessage.onInterrupt(err, () -> "interrupted; ...")) {
 *   ... the long work ...
 * }
 * }</pre>
 */
final class InterruptMessage implements AutoCloseable {
  private final Thread hook;

  private InterruptMessage(Thread hook) {
    this.hook = hook;
  }

  /**
   * Prints {@code "mnist: " + message.get()} on {@code err} if the JVM is stopped before {@link
   * #close}. The supplier runs on the shutdown thread while the command's own thread still runs; it
   * may wait for that thread to finish a write, briefly.
   */
  static InterruptMessage onInterrupt(PrintStream err, Supplier<String> message) {
    Thread hook =
        new Thread(
            () -> {
              err.println("mnist: " + message.get());
              err.flush();
            },
            "mnist-interrupt-message");
    Runtime.getRuntime().addShutdownHook(hook);
    return new InterruptMessage(hook);
  }

  /** The command is done: its normal exit prints nothing more. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running, and it is the right message.
    }
  }
}
