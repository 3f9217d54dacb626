package dev.handwritten.mnist.cli;

import dev.handwritten.kernels.KernelPath;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code mnist} command line: {@code train}, {@code evaluate}, {@code predict} and {@code
 * version}. Exit status 0 on success, 1 when the work failed (a bad file, no data), 2 for a command
 * line that cannot be run; every failure is one line on standard error, never a bare stack trace
 * (set {@code HANDWRITTEN_DEBUG=1} for the trace).
 */
public final class Main {
  static final String USAGE =
      """
      Usage: mnist <command> [options]

      Commands:
        train      train a CNN on MNIST (or any IDX data set) and write the model, metrics and report
        evaluate   evaluate a saved model: accuracy, loss, confusion matrix, per-class scores
        predict    recognize the digit in your own pictures (PNG, JPEG, GIF, BMP)
        version    the Java runtime and the kernels in use (Vector API or scalar)

      Run 'mnist <command> --help' for a command's options.
      """;

  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    OptionalInt childStatus = VectorApiRelaunch.runWithVectorApiIfMissing(args);
    System.exit(
        childStatus.isPresent() ? childStatus.getAsInt() : run(args, System.out, System.err));
  }

  /** Runs a command line and returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    if (args[0].equals("version") || args[0].equals("--version")) {
      out.println(version());
      return 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "train" -> TrainCommand.run(rest, out);
        case "evaluate" -> EvaluateCommand.run(rest, out);
        case "predict" -> PredictCommand.run(rest, out);
        default ->
            throw new UsageException(
                "unknown command '" + args[0] + "'; expected train, evaluate, predict or version");
      }
      return 0;
    } catch (UsageException e) {
      err.println("mnist: " + e.getMessage());
      err.println(
          "Run 'mnist "
              + (List.of("train", "evaluate", "predict").contains(args[0]) ? args[0] + " " : "")
              + "--help' for usage.");
      return 2;
    } catch (IOException e) {
      return failed(describe(e), e, err);
    } catch (UncheckedIOException e) {
      return failed(describe(e.getCause()), e, err);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return failed(e.getMessage(), e, err);
    } catch (OutOfMemoryError e) {
      err.println(
          "mnist: error: out of memory; give the JVM more with -Xmx, or lower --batch-size");
      return 1;
    }
  }

  /** Prints the one-line message (and, when debugging, the trace) and returns exit status 1. */
  private static int failed(String message, Exception e, PrintStream err) {
    err.println("mnist: error: " + message);
    if (System.getenv("HANDWRITTEN_DEBUG") != null) {
      e.printStackTrace(err);
    }
    return 1;
  }

  /** For example {@code "mnist on Java 25.0.1 (/usr/lib/jvm/...); kernels: Vector API, ..."}. */
  static String version() {
    return "mnist on Java "
        + Runtime.version()
        + " ("
        + System.getProperty("java.home")
        + "); kernels: "
        + KernelPath.describe();
  }

  /**
   * One line for a failed file operation. The JDK's {@code NoSuchFileException} and its siblings
   * carry only the path as their message, so "mnist: error: /runs/x" would leave the user guessing
   * what happened to it.
   */
  static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() == null && f.getFile() != null) {
      String what =
          switch (f) {
            case NoSuchFileException ignored -> "no such file or folder";
            case AccessDeniedException ignored -> "permission denied";
            case NotDirectoryException ignored -> "not a folder";
            case FileAlreadyExistsException ignored -> "already exists";
            case DirectoryNotEmptyException ignored -> "folder not empty";
            default -> "cannot be used (" + f.getClass().getSimpleName() + ")";
          };
      return f.getFile()
          + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile())
          + ": "
          + what;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
