package dev.handwritten.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh JVM for tests that must see a process start or end: this JVM's {@code java}, the tests'
 * class path, and no other options unless given, so no {@code --add-modules} either (as plain
 * {@code java -jar}).
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java -cp <the tests' class path> <mainClass> <args>}, not started yet. */
  public static ProcessBuilder running(Class<?> mainClass, String... args) {
    return running(List.of(), mainClass, args);
  }

  /** As {@link #running(Class, String...)}, with {@code jvmOptions} before the class path. */
  public static ProcessBuilder running(
      List<String> jvmOptions, Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /**
   * Sends {@code process} SIGINT, as Ctrl-C in a terminal does.
   *
   * @throws AssertionError naming the cause when this JVM ignores SIGINT: a shell without job
   *     control starts background commands so, every process they start inherits it, and the signal
   *     would never arrive (the test would fail later, on a bare timeout)
   */
  public static void pressCtrlC(Process process) throws IOException, InterruptedException {
    long sigint = 1L << (2 - 1); // bit n-1 of the mask is signal n; SIGINT is 2
    if ((ignoredSignals() & sigint) != 0) {
      throw new AssertionError(
          "this JVM ignores SIGINT (SigIgn in /proc/self/status), and so do the processes it"
              + " starts: Ctrl-C cannot be tested. Was the build started in the background by a"
              + " script (cmd &)? Run it in the foreground.");
    }
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  /** The mask of signals this process ignores ({@code SigIgn}); 0 where Linux's /proc is not. */
  static long ignoredSignals() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return 0;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
      }
    }
    return 0;
  }
}
