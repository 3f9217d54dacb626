package dev.handwritten.mnist.report;

import dev.handwritten.kernels.KernelPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * Where a result came from: which build of the app, when, and on what machine. {@code mnist
 * --version} prints it and every {@code metrics.json} carries it, so that a figure can always be
 * traced to the code and the CPU that produced it.
 *
 * @param app the build
 * @param createdUtc when, as an ISO-8601 instant in UTC to the second, e.g. {@code
 *     2026-12-02T17:05:09Z}
 * @param machine the machine and how much of it the run used
 */
public record Provenance(App app, String createdUtc, Machine machine) {

  /**
   * The app's build.
   *
   * @param version the Maven version, e.g. {@code 0.1.0-SNAPSHOT}
   * @param gitCommit the commit it was built from (10 hex digits), or {@code unknown} for a build
   *     outside a git checkout
   * @param gitDirty whether the checkout had uncommitted changes
   */
  public record App(String version, String gitCommit, boolean gitDirty) {
    private static final App CURRENT = read();

    /** This build, read once from the {@code build.properties} that Maven filled in. */
    public static App current() {
      return CURRENT;
    }

    /** For example {@code 0.1.0-SNAPSHOT, commit ff778db1a2} (with {@code -dirty} if so). */
    public String describe() {
      return version + ", commit " + gitCommit + (gitDirty ? "-dirty" : "");
    }

    private static App read() {
      Properties p = new Properties();
      try (InputStream in =
          App.class.getResourceAsStream("/dev/handwritten/mnist/build.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new App(
          filled(p.getProperty("version")),
          filled(p.getProperty("commit")),
          "true".equals(p.getProperty("dirty")));
    }

    /** A value Maven left unfilled (no git checkout) reads as "unknown". */
    private static String filled(String value) {
      return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
  }

  /**
   * The machine a run used.
   *
   * @param cpuModel the CPU's model name, e.g. {@code AMD EPYC}, or the architecture where the
   *     model cannot be read
   * @param coresAvailable the cores the JVM may use
   * @param threadsUsed the worker threads the run used
   * @param vectorFloats floats per vector in the kernels: 16 (AVX-512), 8 (AVX2), 1 (scalar)
   * @param kernels the kernel path, e.g. {@code Vector API, 16 floats per vector}
   * @param java the Java runtime's version and vendor
   * @param os the operating system's name and version
   */
  public record Machine(
      String cpuModel,
      int coresAvailable,
      int threadsUsed,
      int vectorFloats,
      String kernels,
      String java,
      String os) {

    /** This machine, for a run on {@code threadsUsed} threads. */
    public static Machine current(int threadsUsed) {
      return new Machine(
          readCpuModel(),
          Runtime.getRuntime().availableProcessors(),
          threadsUsed,
          KernelPath.vectorFloats(),
          KernelPath.describe(),
          Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
          System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** The first "model name" of /proc/cpuinfo on Linux; the architecture elsewhere. */
    static String readCpuModel() {
      Path cpuinfo = Path.of("/proc/cpuinfo");
      if (Files.isReadable(cpuinfo)) {
        try (var lines = Files.lines(cpuinfo)) {
          var model =
              lines
                  .filter(line -> line.startsWith("model name"))
                  .map(line -> line.substring(line.indexOf(':') + 1).strip())
                  .findFirst();
          if (model.isPresent()) {
            return model.get();
          }
        } catch (IOException | UncheckedIOException e) {
          // Unreadable after all: fall back to the architecture, as on other systems.
        }
      }
      return System.getProperty("os.arch");
    }
  }

  /** This build, now, on this machine, for a run on {@code threadsUsed} threads. */
  public static Provenance now(int threadsUsed) {
    return new Provenance(
        App.current(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        Machine.current(threadsUsed));
  }
}
