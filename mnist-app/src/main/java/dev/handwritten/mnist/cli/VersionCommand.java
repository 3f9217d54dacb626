package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.report.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code mnist version}, and {@code mnist --version}: the app's version, the commit it was built
 * from, the Java runtime and the kernels in use, so that a bug report or a speed figure says what
 * produced it.
 */
@Command(
    name = "version",
    description = "the app's version and commit, the Java runtime, the kernels and the CPU",
    customSynopsis = "mnist version",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.class)
final class VersionCommand extends Subcommand implements IVersionProvider {
  @Override
  void run() {
    for (String line : getVersion()) {
      out.println(line);
    }
  }

  /** Four lines, for example {@code kernels: Vector API, 16 floats per vector}. */
  @Override
  public String[] getVersion() {
    Provenance.Machine machine =
        Provenance.Machine.current(Runtime.getRuntime().availableProcessors());
    return new String[] {
      "mnist " + Provenance.App.current().describe(),
      "Java " + machine.java() + " at " + System.getProperty("java.home"),
      "kernels: " + machine.kernels(),
      "CPU: " + machine.cpuModel() + ", " + machine.coresAvailable() + " cores available"
    };
  }
}
