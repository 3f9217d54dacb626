package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.report.MetricsFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of issue 15 on the command line: one line that names the file or the option and
 * what to do, the right exit status, and nothing loaded or trained when the command line alone is
 * wrong. docs/bad-inputs.md lists them with what the user sees.
 */
class BadInputTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @TempDir static Path shared;
  static Path data;

  @BeforeAll
  static void smallData() throws IOException {
    data = SmallData.mnistSubset(MNIST, shared.resolve("data"), 600, 100);
  }

  private static MainTest.Outcome train(Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--validation",
                "100",
                "--epochs",
                "1",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return MainTest.run(args.toArray(String[]::new));
  }

  private static void assertOneLine(int status, String expected, MainTest.Outcome o) {
    assertEquals(status, o.status(), o.err());
    assertEquals(expected, o.err().lines().findFirst().orElse(""), o.err());
    long lines = o.err().lines().count();
    assertEquals(
        status == 2 ? 2 : 1, lines, "one line, and the help pointer for usage: " + o.err());
  }

  @Test
  void anOutFolderHoldingARun_isRefusedBeforeLoading_unlessForce() throws IOException {
    Path out = shared.resolve("taken");
    assertEquals(0, train(out).status());
    Files.writeString(out.resolve("notes.json"), "{\"the old run\": true}");

    MainTest.Outcome refused = train(out);
    assertOneLine(
        2,
        "mnist: --out "
            + out
            + " already holds a run (accuracy.png, confusion.png, loss.png, metrics.csv and 6"
            + " more); choose another folder, or add --force to replace it once this run is"
            + " complete",
        refused);
    assertEquals("", refused.out(), "nothing loaded or trained");

    MainTest.Outcome forced = train(out, "--force");
    assertEquals(0, forced.status(), forced.err());
    assertFalse(Files.exists(out.resolve("notes.json")), "the old run was not replaced");
    try (var siblings = Files.list(shared)) {
      assertTrue(
          siblings.noneMatch(p -> p.getFileName().toString().startsWith(".taken.old-")),
          "the replaced run should be deleted");
    }
  }

  @Test
  void force_neverReplacesAFolderWithFilesARunDoesNotWrite() throws IOException {
    Path out = Files.createDirectories(shared.resolve("project"));
    Files.writeString(out.resolve("pom.xml"), "<project/>");
    assertOneLine(
        2,
        "mnist: --out "
            + out
            + " holds files that no run writes (pom.xml); choose another folder, --force only"
            + " replaces run folders",
        train(out, "--force"));
    assertTrue(Files.exists(out.resolve("pom.xml")));
  }

  @Test
  void anEmptyOutFolder_isUsed() throws IOException {
    Path out = Files.createDirectories(shared.resolve("empty"));
    assertEquals(0, train(out).status());
    assertTrue(Files.exists(out.resolve("model.hwnn")));
  }

  @Test
  void anOutFolderWithAnInterruptedRun_isRefused_withTheCommandThatResumesIt() throws IOException {
    Path out = shared.resolve("interrupted");
    Path partial = Files.createDirectories(shared.resolve("interrupted.partial"));
    Files.write(partial.resolve("checkpoint.hwck"), new byte[] {1});
    assertOneLine(
        2,
        "mnist: "
            + out
            + " has an interrupted run, saved in "
            + partial
            + "; resume it with: mnist train --resume "
            + out
            + ", or add --force to start over, or choose another --out",
        train(out));
  }

  @Test
  void resume_withOtherSettings_isRefused() {
    assertOneLine(
        2,
        "mnist: --resume continues a run with its own settings; leave out --epochs,"
            + " --learning-rate (only --threads may be given with it)",
        MainTest.run(
            "train",
            "--resume",
            "runs/x",
            "--epochs",
            "5",
            "--learning-rate",
            "0.1",
            "--threads",
            "2"));
  }

  @Test
  void resume_ofNothing_andOfAFinishedRun_sayWhy() throws IOException {
    Path none = shared.resolve("never-ran");
    assertOneLine(
        2,
        "mnist: cannot resume "
            + none
            + ": found no interrupted run: "
            + shared.resolve("never-ran.partial/checkpoint.hwck")
            + " does not exist",
        MainTest.run("train", "--resume", none.toString()));

    Path finished = shared.resolve("finished");
    assertEquals(0, train(finished).status());
    assertOneLine(
        2,
        "mnist: cannot resume "
            + finished
            + ": "
            + finished
            + " is a finished run (no "
            + shared.resolve("finished.partial/checkpoint.hwck")
            + ")",
        MainTest.run("train", "--resume", finished.toString()));
  }

  @Test
  void resume_ofACorruptCheckpoint_namesIt() throws IOException {
    Path partial = Files.createDirectories(shared.resolve("corrupt.partial"));
    Path checkpoint = partial.resolve("checkpoint.hwck");
    Files.writeString(checkpoint, "not a checkpoint at all, no");
    assertOneLine(
        1,
        "mnist: error: checkpoint "
            + checkpoint
            + ": not a handwritten checkpoint (wrong magic bytes)",
        MainTest.run("train", "--resume", shared.resolve("corrupt").toString()));
  }

  @Test
  void moreThreadsThanCores_warns_andStillTrains() {
    MainTest.Outcome o = train(shared.resolve("threads"), "--threads", "1000");
    assertEquals(0, o.status(), o.err());
    assertEquals(
        "mnist: warning: --threads 1000 is more than the "
            + Runtime.getRuntime().availableProcessors()
            + " cores here; the extra threads only take turns and slow training down (the results"
            + " are the same at any count)",
        o.err().strip());
  }

  @Test
  void weightDecayZero_isAccepted() throws IOException {
    Path out = shared.resolve("no-decay");
    MainTest.Outcome o = train(out, "--weight-decay", "0");
    assertEquals(0, o.status(), o.err());
    var settings =
        (dev.handwritten.mnist.report.RunMetrics.TrainSettings)
            MetricsFiles.read(out.resolve("metrics.json")).settings();
    assertEquals(0.0, settings.weightDecay());
  }

  @Test
  void augmentScan_andEmaDecay_areRecordedInTheSettings_asTheSchemaDescribes() throws IOException {
    // --augment-scan sets every field of the augmentation, so the schema must know them all.
    Path out = shared.resolve("scan");
    MainTest.Outcome o = train(out, "--augment-scan", "--ema-decay", "0.99");
    assertEquals(0, o.status(), o.err());
    String json = Files.readString(out.resolve("metrics.json"));
    assertEquals(List.of(), dev.handwritten.mnist.report.MetricsSchema.problems(json));
    var settings =
        (dev.handwritten.mnist.report.RunMetrics.TrainSettings)
            MetricsFiles.read(out.resolve("metrics.json")).settings();
    assertEquals(dev.handwritten.mnist.train.Augmentation.WITH_SCAN, settings.augmentation());
    assertEquals(0.99, settings.emaDecay());
  }

  @Test
  void emaDecay_outsideZeroToOne_isCheckedBeforeTheDataIsRead() {
    for (String decay : new String[] {"1", "-0.5", "NaN"}) {
      MainTest.Outcome o =
          MainTest.run(
              "train", "--data", shared.resolve("no-such-data").toString(), "--ema-decay", decay);
      assertOneLine(
          2,
          "mnist: expected --ema-decay in (0, 1), or 0 for none, got " + Double.parseDouble(decay),
          o);
    }
  }

  @Test
  void earlyStopping_isCheckedBeforeTheDataIsRead() {
    MainTest.Outcome o =
        MainTest.run(
            "train", "--data", shared.resolve("no-such-data").toString(), "--early-stopping", "-1");
    assertOneLine(2, "mnist: expected --early-stopping >= 0, got -1", o);
  }

  @Test
  void aFolderAsModel_isNamed() throws IOException {
    Path folder = Files.createDirectories(shared.resolve("a-run"));
    assertOneLine(
        1,
        "mnist: error: model file "
            + folder
            + ": a folder, not a model file; pass the model file itself, for example"
            + " runs/<run>/model.hwnn",
        MainTest.run("evaluate", "--model", folder.toString(), "--data", data.toString()));
  }

  @Test
  void aFolderWhereAnIdxFileShouldBe_isNamed() throws IOException {
    Path odd = Files.createDirectories(shared.resolve("odd"));
    for (String name :
        List.of("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
      Files.copy(data.resolve(name), odd.resolve(name));
    }
    Path folder = Files.createDirectories(odd.resolve("train-images-idx3-ubyte.gz"));
    assertOneLine(
        1,
        "mnist: error: IdxReader: train-images-idx3-ubyte.gz: expected an IDX file at "
            + folder.toAbsolutePath()
            + ", got a folder; point to the file itself, or --data to the folder that holds the"
            + " four files",
        MainTest.run(
            "train", "--data", odd.toString(), "--out", shared.resolve("odd-run").toString()));
  }

  @Test
  void aTwoDimensionalIdxFile_saysSo() throws IOException {
    Path file =
        Files.write(
            shared.resolve("flat-idx2-ubyte"),
            ByteBuffer.allocate(12 + 6).putInt(0x802).putInt(2).putInt(3).array());
    assertOneLine(
        1,
        "mnist: error: IdxReader: flat-idx2-ubyte: magic 0x00000802, expected 0x00000803"
            + " (images); this IDX file has 2 dimensions, expected 3 (count, rows, columns) for"
            + " images",
        MainTest.run(
            "evaluate",
            "--images",
            file.toString(),
            "--labels",
            data.resolve("t10k-labels-idx1-ubyte").toString(),
            "--out",
            shared.resolve("flat").toString()));
  }

  @Test
  void imagesOfAnotherSize_areRefusedBeforeTraining_namingBothSizes() throws IOException {
    Path big = Files.createDirectories(shared.resolve("32x32"));
    for (String split : List.of("train", "t10k")) {
      int count = split.equals("train") ? 200 : 50;
      Files.write(
          big.resolve(split + "-images-idx3-ubyte"),
          SmallData.images(count, 32, 32, new byte[count * 32 * 32]));
      Files.write(big.resolve(split + "-labels-idx1-ubyte"), SmallData.labels(new int[count]));
    }
    MainTest.Outcome o =
        MainTest.run(
            "train",
            "--data",
            big.toString(),
            "--validation",
            "50",
            "--out",
            shared.resolve("big").toString());
    assertOneLine(
        1,
        "mnist: error: the training images in "
            + big
            + " are 32x32, but the 'reference' preset takes 28x28 images (MNIST's size); resize"
            + " the data set to 28x28",
        o);
    assertFalse(o.out().contains("Training"), "refused before the model summary: " + o.out());

    MainTest.Outcome evaluate =
        MainTest.run(
            "evaluate",
            "--images",
            big.resolve("t10k-images-idx3-ubyte").toString(),
            "--labels",
            big.resolve("t10k-labels-idx1-ubyte").toString(),
            "--out",
            shared.resolve("big-eval").toString());
    assertEquals(1, evaluate.status(), evaluate.err());
    assertTrue(
        evaluate.err().contains("are 32x32, but the model takes 28x28 images"), evaluate.err());
  }

  @Test
  void aDivergingRun_stopsWithTheStepAndTheHint_andExitsWithOne() {
    MainTest.Outcome o = train(shared.resolve("diverged"), "--learning-rate", "1e30");
    assertEquals(1, o.status(), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(
        o.err()
            .matches(
                "mnist: error: training diverged at step \\d+ \\(epoch 1, batch \\d+ of 4\\): .*;"
                    + " lower --learning-rate \\(it is 1\\.0E30\\); no epoch had"
                    + " finished, so nothing was saved\\s*"),
        o.err());
  }
}
