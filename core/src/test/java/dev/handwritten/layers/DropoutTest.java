package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DropoutTest {
  @Test
  void training_zeroesAboutPAndScalesTheRestByOneOverOneMinusP() {
    // Inverted dropout with p = 0.25: survivors are multiplied by 1 / 0.75, so E[y] = x.
    Dropout dropout = new Dropout(0.25, 7);
    Tensor x = Tensor.of(filled(100_000, 3f), 100_000, 1);
    float[] y = dropout.forward(x, Mode.train(0)).data();
    int zeros = 0;
    double sum = 0;
    for (float v : y) {
      if (v == 0) {
        zeros++;
      } else {
        assertEquals(4f, v, 1e-6); // 3 / 0.75
      }
      sum += v;
    }
    assertEquals(0.25, zeros / 100_000.0, 0.01);
    assertEquals(3.0, sum / 100_000, 0.03);
  }

  @Test
  void backward_passesGradientThroughTheSameMask() {
    Dropout dropout = new Dropout(0.5, 1);
    float[] y = dropout.forward(Tensor.of(filled(64, 1f), 8, 8), Mode.train(3)).data().clone();
    float[] dx = dropout.backward(Tensor.of(filled(64, 1f), 8, 8)).data();
    assertArrayEquals(y, dx); // both are the mask itself: 0 or 2
  }

  @Test
  void evaluation_isTheIdentity() {
    Dropout dropout = new Dropout(0.5, 1);
    Tensor x = Fixtures.uniform(1, 4, 5);
    assertSame(x, dropout.forward(x, Mode.EVAL));
    Tensor dy = Fixtures.uniform(2, 4, 5);
    assertSame(dy, dropout.backward(dy));
  }

  @Test
  void mask_isAFunctionOfSeedAndStep() {
    Tensor x = Tensor.of(filled(256, 1f), 16, 16);
    float[] a = new Dropout(0.5, 9).forward(x, Mode.train(5)).data().clone();
    float[] b = new Dropout(0.5, 9).forward(x, Mode.train(5)).data().clone();
    float[] otherStep = new Dropout(0.5, 9).forward(x, Mode.train(6)).data().clone();
    float[] otherSeed = new Dropout(0.5, 10).forward(x, Mode.train(5)).data().clone();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, otherStep));
    assertFalse(Arrays.equals(a, otherSeed));
  }

  @Test
  void backward_matchesNumericalGradient_withARepeatableMask() {
    // The same Mode.train(step) gives the same mask on every forward the check runs.
    Fixtures.assertGradientsMatch(
        GradientCheck.check(new Dropout(0.4, 3), Fixtures.uniform(4, 3, 10), Mode.train(2), 5));
  }

  @Test
  void constructor_rejectsPOutsideZeroToOne() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, 0));
    assertEquals("Dropout: expected p in [0, 1), got 1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN, 0));
  }

  @Test
  void backward_beforeForward_isAnError() {
    assertThrows(
        IllegalStateException.class, () -> new Dropout(0.5, 0).backward(Tensor.zeros(1, 2)));
  }

  private static float[] filled(int size, float value) {
    float[] values = new float[size];
    Arrays.fill(values, value);
    return values;
  }
}
