package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.LayerSpec;
import dev.handwritten.optim.LearningRateSchedule;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Training continued from the state saved after any epoch ends with the same bits as training that
 * never stopped: weights, batch-norm statistics, Adam's moments, the schedule, augmentation,
 * dropout and early stopping all carry over. The model is small and the data random, so each run
 * takes a fraction of a second.
 */
class TrainerResumeTest {
  private static final Architecture TINY =
      new Architecture(
          "tiny",
          Shape.of(1, 8, 8),
          List.of(
              new LayerSpec.Conv(1, 4, 3, 1, 1),
              new LayerSpec.BatchNorm2dSpec(4, 0.1, 1e-5),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.FlattenSpec(),
              new LayerSpec.DropoutSpec(0.3),
              new LayerSpec.DenseSpec(64, 10)));

  private static final DataSet TRAIN = randomData(1, 200);
  private static final DataSet VALIDATION = randomData(2, 50);

  private static DataSet randomData(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(count, 1, 8, 8);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) random.nextDouble();
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = random.nextInt(10);
    }
    return new DataSet(x, labels);
  }

  private static Trainer.Config config(int patience, double learningRate) {
    return config(patience, learningRate, 0);
  }

  private static Trainer.Config config(int patience, double learningRate, double averageDecay) {
    return new Trainer.Config(
        4,
        32,
        learningRate,
        7,
        2,
        new LearningRateSchedule.Cosine(learningRate, 0, 4),
        0.01,
        Augmentation.STANDARD,
        patience,
        averageDecay);
  }

  /** A run, keeping the weights it ends with and every state it was given to save. */
  private record Run(
      List<float[]> weights, List<TrainingState> states, List<EpochMetrics> history) {}

  private static Run train(Trainer.Config config, Optional<TrainingState> from) {
    Sequential model = TINY.build(config.seed());
    List<TrainingState> states = new ArrayList<>();
    List<EpochMetrics> history =
        Trainer.train(
            model,
            () -> TINY.build(config.seed()),
            TRAIN,
            VALIDATION,
            config,
            from,
            new Trainer.Listener() {
              @Override
              public void step(
                  int epoch, int step, int steps, double loss, double acc, long n, double s) {}

              @Override
              public void epoch(EpochMetrics metrics) {}

              @Override
              public void checkpoint(TrainingState state) {
                states.add(state);
              }
            });
    List<float[]> weights = new ArrayList<>();
    model.parameters().forEach(p -> weights.add(p.value().data().clone()));
    model.state().forEach(t -> weights.add(t.data().clone()));
    return new Run(weights, states, history);
  }

  private static void assertSameBits(List<float[]> expected, List<float[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "tensor " + i);
    }
  }

  @Test
  void resumedAfterAnyEpoch_endsWithTheSameBits() {
    Run straight = train(config(0, 0.01), Optional.empty());
    assertEquals(4, straight.states().size());
    for (int epoch = 1; epoch <= 3; epoch++) {
      Run resumed = train(config(0, 0.01), Optional.of(straight.states().get(epoch - 1)));
      assertSameBits(straight.weights(), resumed.weights());
      assertEquals(4 - epoch, resumed.states().size(), "only the epochs after the checkpoint");
      assertEquals(
          straight.history().stream().map(EpochMetrics::valLoss).toList(),
          resumed.history().stream().map(EpochMetrics::valLoss).toList());
    }
    assertTrue(straight.states().getLast().finished());
  }

  @Test
  void earlyStopping_carriesItsBestAcrossAResume() {
    // Patience 1 on random labels: stops as soon as an epoch is no better, keeping the best.
    Run straight = train(config(1, 0.01), Optional.empty());
    TrainingState last = straight.states().getLast();
    assertTrue(last.finished());
    assertTrue(last.bestEpoch() >= 1 && !last.bestWeights().isEmpty(), last.toString());
    Run resumed = train(config(1, 0.01), Optional.of(straight.states().getFirst()));
    assertSameBits(straight.weights(), resumed.weights());
  }

  @Test
  void withAnAverageOfTheWeights_resumedAfterAnyEpoch_endsWithTheSameBits() {
    Run straight = train(config(0, 0.01, 0.9), Optional.empty());
    assertEquals(4, straight.states().size());
    assertTrue(straight.states().stream().allMatch(state -> !state.averages().isEmpty()));
    for (int epoch = 1; epoch <= 3; epoch++) {
      Run resumed = train(config(0, 0.01, 0.9), Optional.of(straight.states().get(epoch - 1)));
      assertSameBits(straight.weights(), resumed.weights());
    }
    Run finished = train(config(0, 0.01, 0.9), Optional.of(straight.states().getLast()));
    assertSameBits(straight.weights(), finished.weights());
  }

  @Test
  void withAnAverageOfTheWeights_theModelEndsWithTheAverage_andValidatesIt() {
    Run averaged = train(config(0, 0.01, 0.9), Optional.empty());
    TrainingState last = averaged.states().getLast();

    // The checkpoint keeps training's own weights to continue from, and the average beside them;
    // the model that training returns holds the average.
    assertSameBits(last.averages(), averaged.weights());
    assertTrue(
        !Arrays.equals(last.weights().getFirst(), last.averages().getFirst()),
        "the average differs from the last step's weights");
    Run plain = train(config(0, 0.01), Optional.empty());
    assertSameBits(last.weights(), plain.weights());
    assertEquals(List.of(), plain.states().getLast().averages());
    // Validation ran on the average: its loss differs from the plain run's, whose training was
    // the same to the bit.
    assertTrue(
        averaged.history().getLast().valLoss() != plain.history().getLast().valLoss(),
        averaged.history() + " " + plain.history());
  }

  @Test
  void anAverageDecayOutsideZeroToOne_isRefused_namingTheOption() {
    var e = assertThrows(IllegalArgumentException.class, () -> config(0, 0.01, 1));
    assertEquals("expected --ema-decay in (0, 1), or 0 for none, got 1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> config(0, 0.01, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> config(0, 0.01, -0.1));
  }

  @Test
  void aFinishedState_trainsNothing_andKeepsItsWeights() {
    Run straight = train(config(0, 0.01), Optional.empty());
    Run again = train(config(0, 0.01), Optional.of(straight.states().getLast()));
    assertEquals(List.of(), again.states());
    assertSameBits(straight.weights(), again.weights());
    assertEquals(straight.history(), again.history());
  }

  @Test
  void resumingOnOtherData_isRefused() {
    TrainingState first = train(config(0, 0.01), Optional.empty()).states().getFirst();
    Sequential model = TINY.build(7);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Trainer.train(
                    model,
                    () -> TINY.build(7),
                    randomData(3, 200),
                    VALIDATION,
                    config(0, 0.01),
                    Optional.of(first),
                    new ConsoleProgress(System.out, false, 4)));
    assertTrue(
        e.getMessage().startsWith("Trainer: expected the data the run started with"),
        e.getMessage());
  }

  @Test
  void aDivergingLoss_stopsAtItsStep_withTheHint() {
    List<TrainingState> saved = new ArrayList<>();
    Sequential model = TINY.build(7);
    var e =
        assertThrows(
            DivergedException.class,
            () ->
                Trainer.train(
                    model,
                    () -> TINY.build(7),
                    TRAIN,
                    VALIDATION,
                    config(0, 1e30),
                    Optional.empty(),
                    new Trainer.Listener() {
                      @Override
                      public void step(
                          int epoch, int step, int steps, double l, double a, long n, double s) {}

                      @Override
                      public void epoch(EpochMetrics metrics) {}

                      @Override
                      public void checkpoint(TrainingState state) {
                        saved.add(state);
                      }
                    }));
    // Step 1 uses the initial weights; its update (size 1e30) makes every later step overflow.
    assertEquals(2, e.step());
    assertEquals(1, e.epoch());
    assertTrue(
        e.getMessage().startsWith("training diverged at step 2 (epoch 1, batch 2 of 7): "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; lower --learning-rate (it is 1.0E30)"), e.getMessage());
    assertEquals(List.of(), saved, "no checkpoint of a diverged epoch");
  }
}
