package dev.handwritten.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.docs.examples.CheckYourOwnLayer;
import dev.handwritten.docs.examples.ParallelTraining;
import dev.handwritten.docs.examples.QuickStart;
import dev.handwritten.gradcheck.GradientCheck;
import org.junit.jupiter.api.Test;

/** The examples the pages show do what the pages say they do. */
class ExamplesTest {
  @Test
  void quickStart_learnsTheCircle() {
    QuickStart.Outcome outcome = QuickStart.run(2000, 42);
    assertTrue(outcome.lastLoss() < 0.25 * outcome.firstLoss(), outcome::toString);
    assertTrue(outcome.accuracy() >= 0.9, outcome::toString);
  }

  @Test
  void parallelTraining_learns_andGivesTheSameWeightsOnOneOrThreeThreads() {
    ParallelTraining.Outcome one = ParallelTraining.run(300, 42, 1);
    ParallelTraining.Outcome three = ParallelTraining.run(300, 42, 3);
    assertTrue(one.lastLoss() < 0.5 * one.firstLoss(), one::toString);
    assertArrayEquals(one.firstWeights(), three.firstWeights());
  }

  @Test
  void checkYourOwnLayer_passes() {
    assertTrue(CheckYourOwnLayer.check().worstRelativeError() <= GradientCheck.TOLERANCE);
  }
}
