package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.ChildJvm;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.MetricsSchema;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run killed at the worst moments, then resumed, ends with the same weights, bit for bit, as a
 * run that was never interrupted. The runs to kill are child JVMs stopped by the app's testing aid
 * ({@link TestingAid}: it says where it stopped and waits), so the kill lands exactly there; the
 * resumed and the uninterrupted runs run in this JVM.
 */
class ResumeTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @TempDir static Path shared;
  static Path data;
  static List<Tensor> uninterrupted;

  /** 600 training and 100 test images of MNIST, as raw IDX files: epochs of 4 steps. */
  @BeforeAll
  static void smallDataAndAnUninterruptedRun() throws IOException {
    data = SmallData.mnistSubset(MNIST, shared.resolve("data"), 600, 100);
    Path out = shared.resolve("uninterrupted");
    MainTest.Outcome o = MainTest.run(train(out, 1));
    assertEquals(0, o.status(), o.err());
    uninterrupted = weights(out);
  }

  private static String[] train(Path out, int threads, String... more) {
    return Stream.concat(Arrays.stream(train(out, threads)), Arrays.stream(more))
        .toArray(String[]::new);
  }

  private static String[] train(Path out, int threads) {
    return new String[] {
      "train",
      "--data",
      data.toString(),
      "--validation",
      "100",
      "--epochs",
      "3",
      "--seed",
      "5",
      "--threads",
      String.valueOf(threads),
      "--out",
      out.toString()
    };
  }

  @Test
  void theUninterruptedRun_givesTheSameWeightsAtTwoThreads() throws IOException {
    Path out = shared.resolve("two-threads");
    MainTest.Outcome o = MainTest.run(train(out, 2));
    assertEquals(0, o.status(), o.err());
    assertBitIdentical(uninterrupted, weights(out));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void killedInTheMiddleOfAnEpoch_resumesToTheSameWeights(int threads) throws Exception {
    Path out = shared.resolve("mid-epoch-" + threads);
    killAt("mid-epoch:2", out, threads);

    // Epoch 1 is saved, epoch 2 was half done: the half is lost, and nothing is published.
    assertFalse(Files.exists(out), "published before the end: " + out);
    assertTrue(Files.exists(partial(out).resolve("checkpoint.hwck")));
    // The history so far, as metrics.json (valid, without test results), metrics.csv and curves.
    String history = Files.readString(partial(out).resolve("metrics.json"));
    assertEquals(List.of(), MetricsSchema.problems(history));
    RunMetrics sofar = MetricsFiles.read(partial(out).resolve("metrics.json"));
    assertEquals(1, sofar.epochs().size());
    assertEquals(null, sofar.testAccuracy());
    assertEquals(1, MetricsFiles.readCsv(partial(out).resolve("metrics.csv")).size());
    assertTrue(Files.size(partial(out).resolve("loss.png")) > 1000);

    // Resumed at the other thread count: the results never depend on it.
    MainTest.Outcome resumed =
        MainTest.run("train", "--resume", out.toString(), "--threads", String.valueOf(3 - threads));
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().startsWith("Resuming 'reference' after epoch 1 of 3"), resumed.out());
    assertBitIdentical(uninterrupted, weights(out));
    assertFalse(Files.exists(partial(out)), "the partial folder should be gone");
    assertFalse(Files.exists(out.resolve("checkpoint.hwck")), "a finished run keeps no checkpoint");
    RunMetrics metrics = MetricsFiles.read(out.resolve("metrics.json"));
    assertEquals(3, metrics.epochs().size());
    assertEquals(100, metrics.testImages());
  }

  @Test
  void withAnAverageOfTheWeights_killedAndResumed_savesTheSameAverage() throws Exception {
    Path straight = shared.resolve("ema-uninterrupted");
    MainTest.Outcome o = MainTest.run(train(straight, 2, "--ema-decay", "0.9"));
    assertEquals(0, o.status(), o.err());
    Path out = shared.resolve("ema-mid-epoch");
    killAt("mid-epoch:2", out, 2, "--ema-decay", "0.9");

    // The decay comes back from the checkpoint's settings, and the average from its own section.
    MainTest.Outcome resumed = MainTest.run("train", "--resume", out.toString());

    assertEquals(0, resumed.status(), resumed.err());
    assertBitIdentical(weights(straight), weights(out));
    var settings =
        (RunMetrics.TrainSettings) MetricsFiles.read(out.resolve("metrics.json")).settings();
    assertEquals(0.9, settings.emaDecay());
    assertEquals(List.of(), MetricsSchema.problems(Files.readString(out.resolve("metrics.json"))));
    // The saved model is the average, not the last step's weights.
    assertThrows(AssertionError.class, () -> assertBitIdentical(uninterrupted, weights(out)));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void killedWhileWritingACheckpoint_resumesFromThePreviousOne(int threads) throws Exception {
    Path out = shared.resolve("checkpoint-write-" + threads);
    killAt("checkpoint-write:2", out, threads);

    // Half of epoch 2's checkpoint is in a temporary file; epoch 1's is intact under its name.
    try (Stream<Path> files = Files.list(partial(out))) {
      assertTrue(
          files.anyMatch(f -> f.getFileName().toString().startsWith(".checkpoint.hwck.")),
          "the half-written temporary file should be there");
    }
    MainTest.Outcome resumed = MainTest.run("train", "--resume", out.toString());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().startsWith("Resuming 'reference' after epoch 1 of 3"), resumed.out());
    assertBitIdentical(uninterrupted, weights(out));
    try (Stream<Path> files = Files.list(out)) {
      assertTrue(
          files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")),
          "the stray temporary file was published");
    }
  }

  @Test
  void ctrlCAfterTheOutputsBeforeTheyArePublished_publishesNothing_andResumeFinishes()
      throws Exception {
    Path out = shared.resolve("outputs");
    Process child = startStoppedAt("outputs-written", out, 2);
    ChildJvm.pressCtrlC(child);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(130, child.exitValue(), err);
    assertEquals(
        List.of(
            "mnist: interrupted while evaluating and writing the outputs; all 3 epochs are saved in "
                + partial(out)
                + "; finish with: mnist train --resume "
                + out),
        appLines(err));
    assertFalse(Files.exists(out), "a run folder appears whole or not at all");
    assertTrue(Files.exists(partial(out).resolve("report.html")));

    MainTest.Outcome resumed = MainTest.run("train", "--resume", out.toString());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().startsWith("Resuming 'reference' after epoch 3 of 3"), resumed.out());
    assertBitIdentical(uninterrupted, weights(out));
  }

  @Test
  void ctrlC_printsOneLine_whatWasSavedAndTheCommandThatResumes_andExitsWith130() throws Exception {
    Path out = shared.resolve("ctrl-c");
    Process child = startStoppedAt("mid-epoch:2", out, 1);
    ChildJvm.pressCtrlC(child);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(130, child.exitValue(), err);
    assertEquals(
        List.of(
            "mnist: interrupted in epoch 2 of 3; epoch 1 is saved in "
                + partial(out)
                + "; resume with: mnist train --resume "
                + out),
        appLines(err));
  }

  @Test
  void sigtermBeforeTheFirstCheckpoint_saysNothingWasSaved_andExitsWith143() throws Exception {
    Path out = shared.resolve("sigterm");
    Process child = startStoppedAt("mid-epoch:1", out, 1);
    new ProcessBuilder("kill", "-TERM", String.valueOf(child.pid())).start().waitFor();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(143, child.exitValue(), err);
    assertEquals(
        List.of(
            "mnist: interrupted in epoch 1 of 3, before the first checkpoint (written after each"
                + " epoch); nothing was saved"),
        appLines(err));
    assertFalse(Files.exists(out));
  }

  /** Starts a training child that stops at {@code point}, and kills it there with SIGKILL. */
  private static void killAt(String point, Path out, int threads, String... more) throws Exception {
    Process child = startStoppedAt(point, out, threads, more);
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue());
  }

  /** A training child JVM, returned once it says it stopped at {@code point}. */
  private static Process startStoppedAt(String point, Path out, int threads, String... more)
      throws Exception {
    ProcessBuilder builder =
        ChildJvm.running(
            List.of("--add-modules", "jdk.incubator.vector"),
            Main.class,
            train(out, threads, more));
    builder.environment().put(TestingAid.VARIABLE, point);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process child = builder.start();
    BufferedReader err =
        new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    for (String line; (line = err.readLine()) != null; ) {
      if (line.equals(TestingAid.VARIABLE + ": stopped at " + point)) {
        return child;
      }
      seen.add(line);
    }
    throw new AssertionError("the child ended before " + point + ": " + seen);
  }

  /** The lines the app printed, without the JVM's warnings about incubator modules. */
  private static List<String> appLines(String err) {
    return err.lines().filter(line -> !line.startsWith("WARNING: ")).toList();
  }

  private static Path partial(Path out) {
    return out.resolveSibling(out.getFileName() + ".partial");
  }

  private static List<Tensor> weights(Path run) throws IOException {
    ModelFile.Loaded loaded = ModelFile.load(run.resolve("model.hwnn"));
    List<Tensor> tensors = new ArrayList<>();
    loaded.model().parameters().forEach(p -> tensors.add(p.value()));
    return tensors;
  }

  private static void assertBitIdentical(List<Tensor> expected, List<Tensor> actual) {
    assertEquals(expected.size(), actual.size());
    for (int t = 0; t < expected.size(); t++) {
      float[] e = expected.get(t).data();
      float[] a = actual.get(t).data();
      assertEquals(e.length, a.length);
      for (int i = 0; i < e.length; i++) {
        if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
          throw new AssertionError(
              "tensor " + t + " differs at " + i + ": " + e[i] + " expected, got " + a[i]);
        }
      }
    }
  }
}
