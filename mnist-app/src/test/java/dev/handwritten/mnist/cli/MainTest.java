package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Parameter;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.MetricsSchema;
import dev.handwritten.mnist.report.Provenance;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.train.Augmentation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit statuses, messages, and the files a run leaves. */
class MainTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @TempDir static Path shared;
  static Path trainRun;

  /** What one invocation printed and returned. */
  record Outcome(int status, String out, String err) {}

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Outcome trainSmall(Path out, String threads) {
    return run(
        "train",
        "--data",
        MNIST.toString(),
        "--limit",
        "2500",
        "--validation",
        "500",
        "--epochs",
        "2",
        "--seed",
        "3",
        "--threads",
        threads,
        "--out",
        out.toString());
  }

  @BeforeAll
  static void trainASmallModel() {
    trainRun = shared.resolve("train");
    Outcome o = trainSmall(trainRun, "2");
    assertEquals(0, o.status(), o.err());
  }

  @Test
  void train_writesModelMetricsPicturesAndReport() throws IOException {
    for (String file :
        List.of(
            "model.hwnn",
            "metrics.json",
            "metrics.csv",
            "loss.png",
            "accuracy.png",
            "predictions.png",
            "confusion.png",
            "misclassified.png",
            "report.html")) {
      assertTrue(Files.size(trainRun.resolve(file)) > 100, file);
    }
    RunMetrics metrics = MetricsFiles.read(trainRun.resolve("metrics.json"));
    assertEquals("train", metrics.command());
    assertEquals(34826, metrics.models().getFirst().parameters());
    RunMetrics.TrainSettings settings = (RunMetrics.TrainSettings) metrics.settings();
    assertEquals(3, settings.seed());
    assertEquals(2, settings.epochs());
    assertEquals(2000, settings.trainingImages());
    assertEquals(2, metrics.epochs().size());
    assertEquals(10_000, metrics.testImages());
    assertEquals(10, metrics.perClass().size());
    // One CSV row per epoch, the same numbers as the JSON's.
    assertEquals(metrics.epochs(), MetricsFiles.readCsv(trainRun.resolve("metrics.csv")));
  }

  @Test
  void metricsJson_ofRealRuns_validatesAgainstTheSchema_withTypedSettings() throws IOException {
    Path evaluated = shared.resolve("evaluate-for-schema");
    Outcome o =
        run(
            "evaluate",
            "--model",
            trainRun.resolve("model.hwnn").toString(),
            "--data",
            MNIST.toString(),
            "--out",
            evaluated.toString());
    assertEquals(0, o.status(), o.err());
    for (Path run : List.of(trainRun, evaluated)) {
      String json = Files.readString(run.resolve("metrics.json"));
      assertEquals(List.of(), MetricsSchema.problems(json), run.toString());
    }
    String train = Files.readString(trainRun.resolve("metrics.json"));
    // Typed, snake_case settings: numbers are numbers, not strings.
    assertTrue(train.contains("\"epochs\": 2,"), train);
    assertTrue(train.contains("\"batch_size\": 128,"), train);
    assertTrue(train.contains("\"learning_rate\": 0.001,"), train);
    RunMetrics metrics = MetricsFiles.read(trainRun.resolve("metrics.json"));
    assertEquals(Provenance.App.current(), metrics.app());
    assertEquals(2, metrics.machine().threadsUsed());
    assertTrue(metrics.createdUtc().endsWith("Z"), metrics.createdUtc());
  }

  @Test
  void metricsSchema_rejectsWhatItShould() throws IOException {
    // A schema that accepted anything would make the test above pass for nothing.
    String json = Files.readString(trainRun.resolve("metrics.json"));
    assertFalse(
        MetricsSchema.problems(json.replace("\"epochs\": 2,", "\"epochs\": \"2\",")).isEmpty());
    assertFalse(
        MetricsSchema.problems(json.replace("\"format_version\": 1", "\"format_version\": 2"))
            .isEmpty());
    assertFalse(MetricsSchema.problems(json.replace("\"git_commit\"", "\"commit\"")).isEmpty());
  }

  @Test
  void train_learns_evenFromTwoThousandImages() throws IOException {
    double accuracy = MetricsFiles.read(trainRun.resolve("metrics.json")).testAccuracy();
    // 32 steps on 2,000 images: far from converged (about 80%), but far above chance (10%).
    assertTrue(accuracy > 0.6, () -> "test accuracy " + accuracy);
  }

  @Test
  void train_sameSeed_givesIdenticalWeights_atAnyThreadCount() throws IOException {
    Path oneThread = shared.resolve("one-thread");
    Outcome o = trainSmall(oneThread, "1");
    assertEquals(0, o.status(), o.err());
    List<Parameter> a = ModelFile.load(trainRun.resolve("model.hwnn")).model().parameters();
    List<Parameter> b = ModelFile.load(oneThread.resolve("model.hwnn")).model().parameters();
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), a.get(i).toString());
    }
  }

  @Test
  void augmentedTraining_givesIdenticalWeights_atAnyThreadCount() throws IOException {
    // Augmentation runs on all the threads; each image's transform depends only on the seed, the
    // epoch and the image, so the thread count must not change a bit.
    List<List<Parameter>> models = new java.util.ArrayList<>();
    for (String threads : List.of("1", "2")) {
      Path out = shared.resolve("augmented-" + threads);
      Outcome o =
          run(
              "train",
              "--data",
              MNIST.toString(),
              "--limit",
              "1000",
              "--validation",
              "200",
              "--epochs",
              "1",
              "--augment",
              "--threads",
              threads,
              "--out",
              out.toString());
      assertEquals(0, o.status(), o.err());
      models.add(ModelFile.load(out.resolve("model.hwnn")).model().parameters());
    }
    for (int i = 0; i < models.get(0).size(); i++) {
      assertArrayEquals(
          models.get(0).get(i).value().data(),
          models.get(1).get(i).value().data(),
          models.get(0).get(i).toString());
    }
  }

  @Test
  void evaluate_savedModel_givesTheSameAccuracyAsTraining() throws IOException {
    Path out = shared.resolve("evaluate");
    Outcome o =
        run(
            "evaluate",
            "--model",
            trainRun.resolve("model.hwnn").toString(),
            "--data",
            MNIST.toString(),
            "--out",
            out.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("confusion matrix"), o.out());
    assertTrue(o.out().contains("precision"), o.out());
    RunMetrics trained = MetricsFiles.read(trainRun.resolve("metrics.json"));
    RunMetrics evaluated = MetricsFiles.read(out.resolve("metrics.json"));
    assertEquals(trained.testAccuracy(), evaluated.testAccuracy());
    assertEquals(trained.testLoss(), evaluated.testLoss());
    assertTrue(Files.exists(out.resolve("report.html")));
  }

  @Test
  void evaluate_severalModels_evaluatesTheirEnsemble() throws IOException {
    // The same model twice: averaging identical probabilities changes no prediction.
    String model = trainRun.resolve("model.hwnn").toString();
    Path out = shared.resolve("ensemble");
    Outcome o =
        run(
            "evaluate",
            "--model",
            model,
            "--model",
            model,
            "--data",
            MNIST.toString(),
            "--out",
            out.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("an ensemble of 2 models"), o.out());
    assertTrue(o.out().contains("69,652 parameters"), o.out());
    RunMetrics trained = MetricsFiles.read(trainRun.resolve("metrics.json"));
    RunMetrics evaluated = MetricsFiles.read(out.resolve("metrics.json"));
    assertEquals(trained.testAccuracy(), evaluated.testAccuracy());
    assertEquals(trained.testLoss(), evaluated.testLoss(), 1e-5);
    assertEquals(2, evaluated.models().size());
  }

  @Test
  void evaluate_onAnIdxPair() {
    Outcome o =
        run(
            "evaluate",
            "--model",
            trainRun.resolve("model.hwnn").toString(),
            "--images",
            MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(),
            "--labels",
            MNIST.resolve("t10k-labels-idx1-ubyte.gz").toString(),
            "--out",
            shared.resolve("pair").toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("10,000 images"), o.out());
  }

  @Test
  void truncatedIdxFile_endsTheRunWithOneLineNamingTheFile() throws IOException {
    Path data = shared.resolve("truncated");
    Files.createDirectories(data);
    for (String name :
        List.of(
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz")) {
      Files.copy(MNIST.resolve(name), data.resolve(name));
    }
    byte[] raw;
    try (var in =
        new GZIPInputStream(Files.newInputStream(MNIST.resolve("train-images-idx3-ubyte.gz")))) {
      raw = in.readNBytes(100_016);
    }
    Files.write(data.resolve("train-images-idx3-ubyte"), raw);

    Outcome o =
        run(
            "train",
            "--data",
            data.toString(),
            "--epochs",
            "1",
            "--out",
            shared.resolve("x").toString());

    assertEquals(1, o.status());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().startsWith("mnist: error: "), o.err());
    assertTrue(o.err().contains("train-images-idx3-ubyte"), o.err());
    assertTrue(o.err().contains("truncated"), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace");
  }

  @Test
  void mismatchedLabels_endTheRunWithOneLine() {
    Outcome o =
        run(
            "evaluate",
            "--model",
            trainRun.resolve("model.hwnn").toString(),
            "--images",
            MNIST.resolve("t10k-images-idx3-ubyte.gz").toString(),
            "--labels",
            MNIST.resolve("train-labels-idx1-ubyte.gz").toString(),
            "--out",
            shared.resolve("y").toString());
    assertEquals(1, o.status());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("10000 images") && o.err().contains("60000 labels"), o.err());
  }

  @Test
  void usageErrors_exitWithTwo_andSayWhatWasWrong() {
    Outcome none = run();
    assertEquals(2, none.status());
    assertTrue(none.err().contains("Usage: mnist <command>"), none.err());

    Outcome unknown = run("fly");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().startsWith("mnist: unknown command 'fly'"), unknown.err());

    Outcome badNumber = run("train", "--epochs", "ten");
    assertEquals(2, badNumber.status());
    assertTrue(
        badNumber.err().startsWith("mnist: expected --epochs to be a whole number, got 'ten'"),
        badNumber.err());

    Outcome unknownOption = run("evaluate", "--modle", "x");
    assertEquals(2, unknownOption.status());
    assertTrue(
        unknownOption.err().startsWith("mnist: unknown option --modle"), unknownOption.err());

    Outcome missingValue = run("train", "--out");
    assertEquals(2, missingValue.status());
    assertTrue(
        missingValue.err().startsWith("mnist: option --out needs a value"), missingValue.err());

    Outcome halfPair = run("evaluate", "--images", "a");
    assertEquals(2, halfPair.status());
    assertTrue(halfPair.err().contains("--images and --labels go together"), halfPair.err());

    Outcome schedule = run("train", "--schedule", "wavy");
    assertEquals(2, schedule.status());
    assertTrue(schedule.err().contains("expected --schedule constant, step"), schedule.err());

    Outcome preset = run("train", "--preset", "huge");
    assertEquals(2, preset.status());
    assertTrue(preset.err().contains("unknown model preset 'huge'"), preset.err());
  }

  @Test
  void help_isShownForEveryCommand() {
    for (String command : List.of("train", "evaluate")) {
      Outcome o = run(command, "--help");
      assertEquals(0, o.status());
      assertTrue(o.out().contains("Usage: mnist " + command), o.out());
      assertTrue(o.out().contains("--data DIR"), o.out());
    }
    assertEquals(0, run("--help").status());
  }

  @Test
  void everyHelpText_formatsCleanly_soPicocliNeverPrintsItRaw() {
    // picocli formats a command's description with String.format: a lone "%" (as in "1% of
    // digits") makes it print a warning above the help and the text unformatted. (Option
    // descriptions come back from the spec already formatted, so only commands are checked.)
    List<String> problems = new java.util.ArrayList<>();
    checkHelpFormats(MnistCommand.commandLine(System.in, System.out, System.err), problems);
    assertEquals(List.of(), problems);
  }

  private static void checkHelpFormats(picocli.CommandLine command, List<String> problems) {
    var spec = command.getCommandSpec();
    for (String line : spec.usageMessage().description()) {
      try {
        String.format(java.util.Locale.ROOT, line);
      } catch (java.util.IllegalFormatException e) {
        problems.add(spec.qualifiedName() + ": " + e.getMessage() + " in '" + line + "'");
      }
    }
    command.getSubcommands().values().forEach(sub -> checkHelpFormats(sub, problems));
  }

  @Test
  void missingModelFile_isOneLine() {
    Outcome o =
        run(
            "evaluate",
            "--model",
            shared.resolve("none.hwnn").toString(),
            "--data",
            MNIST.toString());
    assertEquals(1, o.status());
    assertEquals(
        "mnist: error: " + shared.resolve("none.hwnn") + ": no such file or folder",
        o.err().strip());
  }

  @Test
  void aStrayArgument_isAUsageError_forCommandsThatTakeOnlyOptions() {
    for (String command : List.of("train", "evaluate")) {
      Outcome o = run(command, "--data", MNIST.toString(), "picture.png");
      assertEquals(2, o.status(), command);
      assertTrue(
          o.err().startsWith("mnist: unexpected argument 'picture.png' for '" + command + "'"),
          o.err());
    }
  }

  @Test
  void outUnderAFile_isRefusedBeforeAnyTraining() throws IOException {
    Path file = Files.writeString(shared.resolve("not-a-folder.txt"), "x");
    for (String command : List.of("train", "evaluate")) {
      Outcome o = run(command, "--data", MNIST.toString(), "--out", file.resolve("run").toString());
      assertEquals(2, o.status(), command);
      assertTrue(
          o.err()
              .startsWith(
                  "mnist: cannot write the run's outputs to "
                      + file.resolve("run")
                      + ": "
                      + file
                      + " is a file, not a folder; choose another folder with --out DIR"),
          o.err());
      assertEquals("", o.out(), "nothing should have been loaded or trained");
    }
  }

  @Test
  void theOutFolderCheck_leavesNothingBehind_whenTheRunThenFails() {
    // The check makes the missing folders to prove it can, then removes them; a run that fails
    // afterwards (here: no data) must not leave an empty tree behind.
    Path out = shared.resolve("never/made/run");
    Outcome o =
        run("train", "--data", shared.resolve("no-data").toString(), "--out", out.toString());
    assertEquals(1, o.status(), o.err());
    assertFalse(Files.exists(shared.resolve("never")), "left behind: " + shared.resolve("never"));
  }

  @Test
  void evaluate_withoutModel_usesTheBundledModel() {
    // The bundled model is the 'accurate' preset, 99.62% on the test set (docs/mnist-app.md).
    Outcome o =
        run("evaluate", "--data", MNIST.toString(), "--out", shared.resolve("bundled").toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().contains("bundled model"), o.out());
    double accuracy =
        Double.parseDouble(o.out().replaceAll("(?s).*accuracy ([0-9.]+)%.*", "$1")) / 100;
    assertTrue(accuracy >= 0.996, () -> "bundled model accuracy " + accuracy);
  }

  @Test
  void train_withScheduleWeightDecayAugmentationAndEarlyStopping_recordsThemAndLearns()
      throws IOException {
    Path out = shared.resolve("cosine");
    Outcome o =
        run(
            "train",
            "--data",
            MNIST.toString(),
            "--limit",
            "1500",
            "--validation",
            "500",
            "--epochs",
            "2",
            "--schedule",
            "cosine",
            "--weight-decay",
            "0.01",
            "--augment",
            "--early-stopping",
            "1",
            "--out",
            out.toString());
    assertEquals(0, o.status(), o.err());
    RunMetrics metrics = MetricsFiles.read(out.resolve("metrics.json"));
    RunMetrics.TrainSettings settings = (RunMetrics.TrainSettings) metrics.settings();
    assertEquals("cosine", settings.schedule());
    assertEquals(0.01, settings.weightDecay());
    assertEquals(Augmentation.STANDARD, settings.augmentation());
    assertEquals(1, settings.earlyStopping());
    assertTrue(metrics.keptEpoch() >= 1 && metrics.keptEpoch() <= 2, metrics.toString());
    // Sixteen steps only: far from trained, but clearly learning (chance is 10%).
    assertTrue(metrics.testAccuracy() > 0.2, metrics.toString());
  }
}
