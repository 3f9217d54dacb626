package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.ChildJvm;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar's entry point: on a runtime older than Java 25 the user reads one line that says what to
 * do, not the JVM's "class file version 69.0"; on Java 25 it is invisible.
 */
class LauncherTest {

  @Test
  void anOlderRuntimeIsRefusedInOneLineNamingItAndTheFix() {
    String message = Launcher.versionProblem("17", "/usr/lib/jvm/java-17-openjdk-amd64");

    assertEquals(
        "mnist: needs Java 25 or later, but was started by Java 17"
            + " (/usr/lib/jvm/java-17-openjdk-amd64); run ./mnist from the source tree, which finds"
            + " a JDK 25, or see README.md, Requirements",
        message);
  }

  @Test
  void everyRuntimeBeforeJava25IsRefused() {
    for (String version : List.of("1.8", "9", "11", "17", "21", "24")) {
      assertNotNull(Launcher.versionProblem(version, "/jdk"), version);
    }
  }

  @Test
  void java25AndLaterRunTheApp() {
    for (String version : List.of("25", "26", "31", "25.0.1")) {
      assertNull(Launcher.versionProblem(version, "/jdk"), version);
    }
  }

  @Test
  void anUnreadableVersionIsGivenTheBenefitOfTheDoubt() {
    for (String version : new String[] {null, "", "next", "1."}) {
      assertNull(Launcher.versionProblem(version, "/jdk"), String.valueOf(version));
    }
  }

  @Test
  void readsTheFeatureReleaseFromBothVersionSchemes() {
    assertEquals(8, Launcher.javaFeatureRelease("1.8"));
    assertEquals(17, Launcher.javaFeatureRelease("17"));
    assertEquals(25, Launcher.javaFeatureRelease("25"));
    assertEquals(25, Launcher.javaFeatureRelease("25.0.1"));
    assertEquals(-1, Launcher.javaFeatureRelease("abc"));
  }

  @Test
  void isCompiledForJava8SoThatOldRuntimesCanLoadIt() throws IOException {
    // A class file starts with 0xCAFEBABE, then its minor and major version; Java 8 is major 52.
    try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class");
        DataInputStream data = new DataInputStream(in)) {
      assertEquals(0xCAFEBABE, data.readInt());
      data.readUnsignedShort();
      assertEquals(52, data.readUnsignedShort(), "class file major version");
    }
  }

  @Test
  void onThisRuntimeItHandsTheCommandLineToMain() throws Exception {
    ProcessBuilder builder = ChildJvm.running(Launcher.class, "--help").redirectErrorStream(true);
    // Main would start itself again with the Vector API (VectorApiRelaunchTest); not needed here.
    builder.environment().put(VectorApiRelaunch.OPT_OUT, "1");
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");

    assertEquals(0, child.exitValue(), output);
    assertTrue(output.startsWith("Usage: mnist <command> [options]"), output);
  }
}
