package dev.handwritten.mnist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.OptionalInt;
import picocli.CommandLine;

/**
 * The {@code mnist} command line's entry point. The commands themselves are registered in {@link
 * MnistCommand}; this class runs one and turns whatever goes wrong into one line on standard error
 * and an exit status: {@value #OK} success, {@value #FAILURE} the work failed (a bad file, no
 * data), {@value #USAGE} a command line that cannot be run, {@value #INTERRUPTED} interrupted
 * (Ctrl-C), {@value #TERMINATED} stopped by {@code kill}. Never a bare stack trace: set {@code
 * HANDWRITTEN_DEBUG=1} for the trace.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int INTERRUPTED = 130;

  /**
   * 128 + SIGTERM: the JVM's status when {@code kill} stops it, as the shell's convention has it.
   */
  static final int TERMINATED = 143;

  private Main() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    OptionalInt childStatus = VectorApiRelaunch.runWithVectorApiIfMissing(args);
    System.exit(
        childStatus.isPresent()
            ? childStatus.getAsInt()
            : run(args, System.in, System.out, System.err));
  }

  /** Runs a command line and returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  /** Runs a command line with this standard input, and returns its exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine cli =
        MnistCommand.commandLine(in, out, err)
            .setParameterExceptionHandler(
                (e, unused) -> usageError(ParseErrors.message(e), e.getCommandLine(), err))
            .setExecutionExceptionHandler((e, command, unused) -> failed(e, command, err));
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(
          "mnist: error: out of memory; give the JVM more with -Xmx, or lower --batch-size");
      return FAILURE;
    }
  }

  /** A command line that cannot be run: what was wrong, and where the help is. */
  private static int usageError(String message, CommandLine command, PrintStream err) {
    err.println("mnist: " + message);
    String name = command.getParent() == null ? "" : command.getCommandName() + " ";
    err.println("Run 'mnist " + name + "--help' for usage.");
    return USAGE;
  }

  /** A command that failed while it ran: one line, or the usage error it threw. */
  private static int failed(Exception e, CommandLine command, PrintStream err) {
    if (e instanceof UsageException) {
      return usageError(e.getMessage(), command, err);
    }
    String message =
        switch (e) {
          case IOException io -> describe(io);
          case UncheckedIOException io -> describe(io.getCause());
          case IllegalArgumentException known -> known.getMessage();
          case IllegalStateException known -> known.getMessage();
          default ->
              "internal error ("
                  + e
                  + "); please report it, with the output of HANDWRITTEN_DEBUG=1 and the same"
                  + " command";
        };
    err.println("mnist: error: " + message);
    if (System.getenv("HANDWRITTEN_DEBUG") != null) {
      e.printStackTrace(err);
    }
    return FAILURE;
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
