package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.handwritten.mnist.recognize.Gate;
import dev.handwritten.mnist.synth.FontCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist rejection}: a tiny gate trained, calibrated and measured end to end. */
class RejectionCommandTest {
  private static final String MNIST = System.getProperty("mnist.dir", "../../shared/mnist");

  @TempDir static Path dir;
  static Path gateFile;
  static MainTest.Outcome trained;

  /** 300 digits, proportionally few non-digits, one epoch: seconds, not minutes. */
  @BeforeAll
  static void trainATinyGate() throws IOException {
    assumeFalse(
        FontCatalog.find(List.of()).typefaces(FontCatalog.Use.FIT).isEmpty(),
        "no fitting typeface; install fonts-dejavu-core to run this");
    Path out = dir.resolve("gate-run");
    trained =
        MainTest.run(
            "rejection",
            "train-gate",
            "--data",
            MNIST,
            "--limit",
            "300",
            "--validation",
            "300",
            "--epochs",
            "1",
            "--threads",
            "2",
            "--out",
            out.toString());
    gateFile = out.resolve("gate.hwnn");
  }

  @Test
  void trainGate_writesAGate_withItsThresholdAndRecipe() throws IOException {
    assertEquals(0, trained.status(), trained.err());
    assertTrue(
        trained.out().contains("Drawing the training pictures: 300 MNIST digits"), trained.out());
    assertTrue(trained.out().contains("wrote " + gateFile), trained.out());
    Gate gate = Gate.load(gateFile);
    assertTrue(gate.threshold() >= 0 && gate.threshold() <= 1);
    assertEquals("1", gate.metadata().get("seed"));
    assertEquals("300", gate.metadata().get("training_digits"));
    assertEquals("300", gate.metadata().get("validation"));
    assertEquals(Gate.classNames(), gate.metadata().get(Gate.CLASSES));
  }

  @Test
  void calibrate_movesTheThreshold_toTheTarget() throws IOException {
    Path copy = Files.copy(gateFile, dir.resolve("calibrated.hwnn"));
    float before = Gate.load(copy).threshold();

    MainTest.Outcome o =
        MainTest.run(
            "rejection",
            "calibrate",
            "--gate",
            copy.toString(),
            "--target",
            "0.2",
            "--data",
            MNIST);

    assertEquals(0, o.status(), o.err());
    Gate after = Gate.load(copy);
    // Rejecting up to a fifth of the digits allows a higher line than rejecting a hundredth.
    assertTrue(after.threshold() >= before, before + " -> " + after.threshold());
    assertEquals("0.2", after.metadata().get("target"));
    assertTrue(
        o.out().startsWith("threshold " + after.threshold() + " (was " + before + ")"), o.out());
  }

  @Test
  void measure_withTheGatesOwnSeed_isRefused() {
    MainTest.Outcome o =
        MainTest.run(
            "rejection",
            "measure",
            "--gate",
            gateFile.toString(),
            "--seed",
            "1",
            "--data",
            MNIST,
            "--out",
            dir.resolve("m1").toString());
    assertEquals(2, o.status());
    assertTrue(
        o.err()
            .startsWith(
                "mnist: expected a --seed other than the gate's own 1: the same seed would draw"
                    + " the scribbles and blanks it was trained on"),
        o.err());
  }

  @Test
  void measure_withoutTheMeasuringTypefaces_namesThePackages() throws IOException {
    assumeTrue(
        FontCatalog.find(List.of()).typefaces(FontCatalog.Use.MEASURE).isEmpty(),
        "this machine has measuring typefaces installed");
    MainTest.Outcome o =
        MainTest.run(
            "rejection",
            "measure",
            "--gate",
            gateFile.toString(),
            "--data",
            MNIST,
            "--out",
            dir.resolve("m2").toString());
    assertEquals(1, o.status());
    assertTrue(
        o.err().startsWith("mnist: error: no typefaces for measuring on this machine"), o.err());
    assertTrue(o.err().contains("apt-get install fonts-dejavu-core"), o.err());
  }

  @Test
  void rejectionAlone_listsItsCommands() {
    MainTest.Outcome o = MainTest.run("rejection");
    assertEquals(2, o.status());
    assertTrue(o.err().contains("train-gate"), o.err());
    assertTrue(o.err().contains("calibrate"), o.err());
    assertTrue(o.err().contains("measure"), o.err());
  }

  @Test
  void calibrate_withoutAGate_isAUsageError() {
    MainTest.Outcome o = MainTest.run("rejection", "calibrate");
    assertEquals(2, o.status());
    assertTrue(o.err().contains("--gate"), o.err());
  }
}
