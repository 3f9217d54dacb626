package dev.handwritten.mnist.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * One {@code mnist} command: picocli fills its {@code @Option} fields, then {@link #run()} does the
 * work and prints to {@link #out}. A failure is an exception (a {@link UsageException} for a
 * command line that cannot be run); {@link Main} turns it into one line and an exit status.
 */
abstract class Subcommand implements Callable<Integer> {
  /** Where the command prints its results; set by {@link MnistCommand#commandLine}. */
  PrintStream out = System.out;

  /**
   * Where it prints warnings, the line for an interruption, and what went wrong with one item of
   * many, the others going on; set with {@link #out}.
   */
  PrintStream err = System.err;

  /** Standard input, for a picture given as {@code -}. */
  InputStream in = System.in;

  /** Does the command's work. */
  abstract void run() throws Exception;

  @Override
  public final Integer call() throws Exception {
    run();
    return Main.OK;
  }

  /** {@code value}, if it is at least {@code min}. */
  static int atLeast(String option, int value, int min) throws UsageException {
    if (value < min) {
      throw new UsageException("expected " + option + " >= " + min + ", got " + value);
    }
    return value;
  }

  /**
   * {@code --threads}, or every core when not given. More threads than cores only take turns, each
   * with a model replica of its own: the same result, slower, so it is said, not refused.
   *
   * @param work what the extra threads slow down, e.g. "training"
   */
  int threadCount(Integer threads, String work) throws UsageException {
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads == null) {
      return cores;
    }
    atLeast("--threads", threads, 1);
    if (threads > cores) {
      err.printf(
          "mnist: warning: --threads %d is more than the %d cores here; the extra threads only"
              + " take turns and slow %s down (the results are the same at any count)%n",
          threads, cores, work);
    }
    return threads;
  }

  /** {@code value}, if it is a finite number above 0. */
  static double positive(String option, double value) throws UsageException {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new UsageException("expected " + option + " > 0, got " + value);
    }
    return value;
  }
}
