package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Plain {@code java -jar mnist-app.jar} starts without the Vector API; the app then runs itself
 * again in a child JVM that has it, unless the user opts out.
 */
class VectorApiRelaunchTest {

  /** What a child JVM, started without the Vector API, printed and returned. */
  record Child(int status, String output) {}

  /** Starts Main the way {@code java -jar} would: no --add-modules. */
  private static Child startWithoutVectorApi(String optOut, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = ChildJvm.running(Main.class, args).redirectErrorStream(true);
    builder.environment().remove(VectorApiRelaunch.OPT_OUT);
    if (optOut != null) {
      builder.environment().put(VectorApiRelaunch.OPT_OUT, optOut);
    }
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    return new Child(child.exitValue(), output);
  }

  @Test
  void startedWithoutTheVectorApi_theAppRunsWithIt() throws Exception {
    Child child = startWithoutVectorApi(null, "version");

    assertEquals(0, child.status(), child.output());
    assertTrue(child.output().contains("kernels: Vector API"), child.output());
  }

  @Test
  void theUserCanOptOut_andStayOnTheScalarKernels() throws Exception {
    Child child = startWithoutVectorApi("1", "version");

    assertEquals(0, child.status(), child.output());
    assertTrue(child.output().contains("kernels: scalar"), child.output());
  }

  @Test
  void theChildsExitStatusAndMessagesReachTheUser() throws Exception {
    Child child = startWithoutVectorApi(null, "no-such-command");

    assertEquals(2, child.status(), child.output());
    assertTrue(child.output().contains("mnist: unknown command 'no-such-command'"), child.output());
  }

  @Test
  void relaunchesOnlyWhenTheModuleIsMissingHereButInTheRuntime_andNotOptedOut() {
    assertTrue(VectorApiRelaunch.shouldRelaunch(false, true, null));
    assertTrue(VectorApiRelaunch.shouldRelaunch(false, true, ""));
    assertFalse(VectorApiRelaunch.shouldRelaunch(true, true, null), "already has it");
    assertFalse(VectorApiRelaunch.shouldRelaunch(false, false, null), "runtime lacks it");
    assertFalse(VectorApiRelaunch.shouldRelaunch(false, true, "1"), "opted out");
  }

  @Test
  void theChildLeavesOutADebuggersAgent_whosePortTheParentHolds() {
    List<String> command =
        VectorApiRelaunch.command(
            Path.of("java"),
            List.of(
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-Xrunjdwp:transport=dt_socket",
                "-Xmx1g"),
            "app.jar",
            new String[] {"version"});

    assertEquals(
        List.of(
            "java",
            "-Xmx1g",
            "--add-modules=jdk.incubator.vector",
            "-cp",
            "app.jar",
            "dev.handwritten.mnist.cli.Main",
            "version"),
        command);
  }

  @Test
  void theChildKeepsTheJvmOptionsAndTheClassPath() {
    List<String> command =
        VectorApiRelaunch.command(
            Path.of("/jdk/bin/java"),
            List.of("-Xmx4g", "-Dfoo=bar"),
            "app.jar",
            new String[] {"train", "--epochs", "1"});

    assertEquals(
        List.of(
            "/jdk/bin/java",
            "-Xmx4g",
            "-Dfoo=bar",
            "--add-modules=jdk.incubator.vector",
            "-cp",
            "app.jar",
            "dev.handwritten.mnist.cli.Main",
            "train",
            "--epochs",
            "1"),
        command);
  }
}
