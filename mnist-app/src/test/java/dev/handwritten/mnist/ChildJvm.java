package dev.handwritten.mnist;

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
}
