package dev.handwritten.mnist.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's entry point: refuses, in one line, a Java runtime too old for the app, then hands over
 * to {@link Main}.
 *
 * <p>Without it, {@code java -jar mnist-app.jar} on Java 17 ends in the JVM's own {@code
 * UnsupportedClassVersionError} about "class file version 69.0", which names neither the app nor
 * the fix. So this one class is compiled for Java 8 (see mnist-app/pom.xml, execution {@code
 * launcher}) and must keep to Java 8's language and library: every JVM since then can load it and
 * say what is wrong.
 */
public final class Launcher {
  /** The oldest Java feature release the app's classes run on (they are compiled for it). */
  static final int REQUIRED_JAVA = 25;

  private Launcher() {}

  public static void main(String[] args) throws Throwable {
    String problem =
        versionProblem(
            System.getProperty("java.specification.version"), System.getProperty("java.home"));
    if (problem != null) {
      System.err.println(problem);
      System.exit(1);
    }
    // Looked up by name: a direct call would make this class link against Main, and loading Main
    // on an old runtime is exactly what fails.
    MethodHandle main =
        MethodHandles.publicLookup()
            .findStatic(
                Class.forName("dev.handwritten.mnist.cli.Main"),
                "main",
                MethodType.methodType(void.class, String[].class));
    main.invokeExact(args);
  }

  /**
   * Returns the one-line message for a runtime older than {@link #REQUIRED_JAVA}, or null when the
   * runtime is new enough, or when its version cannot be read (then trying beats refusing).
   *
   * @param specificationVersion the runtime's {@code java.specification.version}: "1.8" up to Java
   *     8, then "9", "17", "25", ...
   * @param javaHome the runtime's {@code java.home}, named in the message so the user sees which
   *     installation was picked up
   */
  static String versionProblem(String specificationVersion, String javaHome) {
    int release = javaFeatureRelease(specificationVersion);
    if (release < 0 || release >= REQUIRED_JAVA) {
      return null;
    }
    return "mnist: needs Java "
        + REQUIRED_JAVA
        + " or later, but was started by Java "
        + specificationVersion
        + " ("
        + javaHome
        + "); run ./mnist from the source tree, which finds a JDK "
        + REQUIRED_JAVA
        + ", or see README.md, Requirements";
  }

  /** "1.8" -> 8, "17" -> 17, "25" -> 25; -1 for anything unreadable. */
  static int javaFeatureRelease(String specificationVersion) {
    if (specificationVersion == null) {
      return -1;
    }
    String feature =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int dot = feature.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
