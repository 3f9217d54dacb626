package dev.handwritten.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The average of the weights that a model trained with {@code --ema-decay} is evaluated with. */
class ExponentialMovingAverageTest {

  @Test
  void update_byHand_withTheWarmUpCapAndThenTheDecay() {
    // decay 0.5, the weight starts at 0 and moves to 10 before the first update.
    // t=1: d = min(0.5, 2/11) = 0.1818182, average = 0.1818182 * 0 + 0.8181818 * 10 = 8.181818
    // t=2: the weight moves to 20; d = min(0.5, 3/12) = 0.25, average = 2.0454545 + 15 = 17.045454
    // t=9: d = min(0.5, 10/19) = 0.5, the cap no longer binds.
    Tensor w = Tensor.of(new float[] {0}, 1);
    ExponentialMovingAverage average = new ExponentialMovingAverage(List.of(w), 0.5);
    w.data()[0] = 10;
    average.update();
    assertEquals(8.181818f, average.averages().get(0)[0], 1e-5);
    w.data()[0] = 20;
    average.update();
    assertEquals(17.045454f, average.averages().get(0)[0], 1e-5);
    assertEquals(2, average.updates());
    assertEquals(20f, w.data()[0], "update reads the weights and never writes them");
  }

  @Test
  void manySteps_followAConstantWeight_withAHighDecay() {
    Tensor w = Tensor.of(new float[] {0, 0}, 2);
    ExponentialMovingAverage average = new ExponentialMovingAverage(List.of(w), 0.999);
    w.data()[0] = 1;
    w.data()[1] = -3;
    for (int t = 0; t < 10_000; t++) {
      average.update();
    }
    // 10,000 steps at 0.999 leave 0.999^~9,990 = 4.6e-5 of the starting zero.
    assertArrayEquals(new float[] {1, -3}, average.averages().get(0), 1e-3f);
  }

  @Test
  void swap_putsTheAveragesInTheModel_andASecondSwapPutsTheWeightsBack() {
    Tensor w = Tensor.of(new float[] {1, 2}, 2);
    ExponentialMovingAverage average = new ExponentialMovingAverage(List.of(w), 0.9);
    w.data()[0] = 5;
    w.data()[1] = 6;
    average.update();
    float[] averaged = average.averages().get(0);

    average.swap();
    assertArrayEquals(averaged, w.data());
    average.swap();
    assertArrayEquals(new float[] {5, 6}, w.data());
  }

  @Test
  void restored_continuesBitForBit() {
    Tensor w = Tensor.of(new float[] {0.3f, -0.7f}, 2);
    ExponentialMovingAverage first = new ExponentialMovingAverage(List.of(w), 0.99);
    for (int t = 0; t < 5; t++) {
      w.data()[0] += 0.1f;
      first.update();
    }
    ExponentialMovingAverage second = new ExponentialMovingAverage(List.of(w), 0.99);
    second.restore(first.averages(), first.updates());

    w.data()[1] -= 0.2f;
    first.update();
    second.update();

    assertArrayEquals(first.averages().get(0), second.averages().get(0));
    assertEquals(6, second.updates());
  }

  @Test
  void aDecayOutsideZeroToOne_isRefused() {
    List<Tensor> tensors = List.of(Tensor.zeros(1));
    for (double decay : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> new ExponentialMovingAverage(tensors, decay));
      assertTrue(e.getMessage().contains("expected a decay in (0, 1), got " + decay));
    }
  }

  @Test
  void restoringAveragesOfAnotherShape_isRefused_namingTheTensor() {
    ExponentialMovingAverage average =
        new ExponentialMovingAverage(List.of(Tensor.zeros(2), Tensor.zeros(3)), 0.9);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> average.restore(List.of(new float[2], new float[4]), 1));
    assertEquals(
        "ExponentialMovingAverage.restore: expected 3 values for tensor 1, got 4", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> average.restore(List.of(new float[2]), 1));
  }
}
