package dev.handwritten.mnist.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Starts the app again, in a child JVM with the Vector API, when this JVM was started without it:
 * plain {@code java -jar mnist-app.jar} does that, since a jar's manifest cannot add a module, and
 * the scalar kernels train about 5.5 times slower (9,000 images: 26.4 s against 4.8 s on the
 * project's machine). {@code ./mnist} passes the flag itself, so it never gets here.
 *
 * <p>The child inherits the terminal, the JVM options it was given (-Xmx and the like) and the
 * class path; its exit status becomes ours. Set {@value #OPT_OUT}=1 to stay on the scalar kernels
 * instead; the child gets it too, so it can never start a grandchild.
 */
final class VectorApiRelaunch {
  static final String MODULE = "jdk.incubator.vector";
  static final String OPT_OUT = "HANDWRITTEN_NO_RELAUNCH";

  private VectorApiRelaunch() {}

  /**
   * Runs the command line in a child JVM with the Vector API and returns its exit status, or
   * returns empty when this JVM should run it itself: it has the Vector API already, its runtime
   * lacks the module (a trimmed jlink image), the user opted out, or the child could not start.
   */
  static OptionalInt runWithVectorApiIfMissing(String[] args) {
    boolean loaded = ModuleLayer.boot().findModule(MODULE).isPresent();
    if (!shouldRelaunch(
        loaded,
        !loaded && ModuleFinder.ofSystem().find(MODULE).isPresent(),
        System.getenv(OPT_OUT))) {
      return OptionalInt.empty();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                command(
                    Path.of(System.getProperty("java.home"), "bin", "java"),
                    ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    System.getProperty("java.class.path"),
                    args))
            .inheritIO();
    builder.environment().put(OPT_OUT, "1");
    Process child;
    try {
      child = builder.start();
    } catch (IOException e) {
      return OptionalInt.empty(); // slower, but it still runs
    }
    // Ctrl-C reaches both JVMs; a kill of this one alone must not leave the child training on.
    // Waiting for the child lets it print its line (what was saved) before the shell's prompt.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  child.destroy();
                  try {
                    child.waitFor(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try {
      return OptionalInt.of(child.waitFor());
    } catch (InterruptedException e) {
      child.destroy();
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    }
  }

  /**
   * Whether to relaunch: only when the Vector API is missing here, the runtime has it, and the user
   * did not opt out (any non-empty value of {@value #OPT_OUT}).
   */
  static boolean shouldRelaunch(boolean loadedHere, boolean inRuntime, String optOut) {
    return !loadedHere && inRuntime && (optOut == null || optOut.isEmpty());
  }

  /**
   * {@code java <this JVM's options> --add-modules=jdk.incubator.vector -cp <path> Main <args>},
   * without a debugger agent's options.
   */
  static List<String> command(Path java, List<String> jvmOptions, String classPath, String[] args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    for (String option : jvmOptions) {
      // A debugger's agent listens on a port this JVM holds already; the child would fail to start.
      if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
        command.add(option);
      }
    }
    command.add("--add-modules=" + MODULE);
    command.add("-cp");
    command.add(classPath);
    command.add(Main.class.getName());
    command.addAll(Arrays.asList(args));
    return command;
  }
}
