package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code mnist serve} as a user starts and stops it. */
class ServeCommandTest {

  @Test
  void startsOnAFreePort_printsItsAddress_andStopsCleanlyOnCtrlC() throws Exception {
    ProcessBuilder builder =
        ChildJvm.running(Main.class, "serve", "--port", "0").redirectErrorStream(true);
    builder.environment().put(VectorApiRelaunch.OPT_OUT, "1");
    Process server = builder.start();
    try {
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      URI url = null;
      Pattern listening =
          Pattern.compile(
              "mnist serve: listening on (http://127\\.0\\.0\\.1:\\d+/)  \\(Ctrl-C stops\\)");
      while (url == null) {
        String line = output.readLine();
        if (line == null) {
          break;
        }
        seen.append(line).append('\n');
        Matcher m = listening.matcher(line);
        url = m.matches() ? URI.create(m.group(1)) : null;
      }
      assertTrue(url != null, "no address printed: " + seen);
      assertTrue(
          seen.toString().contains("mnist serve: bundled model (/models/default.hwnn)"),
          seen.toString());

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url.resolve("/healthz")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals("{\"status\":\"ok\",\"in_flight\":0}", health.body());

      // Ctrl-C is SIGINT.
      ChildJvm.pressCtrlC(server);
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop");
      String rest = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("mnist serve: stopped", rest.strip());
      assertEquals(Main.INTERRUPTED, server.exitValue());
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void aPortInUse_isOneLine_sayingWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      MainTest.Outcome o = MainTest.run("serve", "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(Main.FAILURE, o.status());
      assertTrue(
          o.err()
              .startsWith(
                  "mnist: error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " ("),
          o.err());
      assertTrue(
          o.err().strip().endsWith("is another server using it? choose another with --port"),
          o.err());
    }
  }

  @Test
  void badOptions_areUsageErrors_beforeAnythingStarts() {
    MainTest.Outcome port = MainTest.run("serve", "--port", "70000");
    assertEquals(Main.USAGE, port.status());
    assertTrue(
        port.err().startsWith("mnist: expected --port in [0, 65535], got 70000"), port.err());

    MainTest.Outcome inFlight = MainTest.run("serve", "--max-in-flight", "0");
    assertEquals(Main.USAGE, inFlight.status());
    assertTrue(inFlight.err().startsWith("mnist: expected --max-in-flight >= 1, got 0"));

    MainTest.Outcome time = MainTest.run("serve", "--time-limit", "0");
    assertEquals(Main.USAGE, time.status());
    assertTrue(time.err().startsWith("mnist: expected --time-limit > 0, got 0.0"), time.err());

    MainTest.Outcome model = MainTest.run("serve", "--model", "no-such-model.hwnn");
    assertEquals(Main.FAILURE, model.status());
    assertTrue(model.err().startsWith("mnist: error: no-such-model.hwnn"), model.err());
  }
}
