package dev.handwritten.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitializerTest {
  @ParameterizedTest
  @EnumSource(Initializer.class)
  void fill_hasTheDocumentedVariance_andIsSeeded(Initializer init) {
    int fanIn = 288;
    int fanOut = 576;
    float[] w = new float[200_000];
    init.fill(w, fanIn, fanOut, 42);
    double expected = init.name().startsWith("GLOROT") ? 2.0 / (fanIn + fanOut) : 2.0 / fanIn;
    double mean = 0;
    double square = 0;
    for (float v : w) {
      mean += v;
      square += v * v;
    }
    mean /= w.length;
    assertEquals(0, mean, 0.01 * Math.sqrt(expected));
    assertEquals(expected, square / w.length, 0.02 * expected);

    float[] again = new float[w.length];
    init.fill(again, fanIn, fanOut, 42);
    assertArrayEquals(w, again);
  }

  @ParameterizedTest
  @EnumSource(
      value = Initializer.class,
      names = {"GLOROT_UNIFORM", "HE_UNIFORM"})
  void uniform_staysWithinItsLimit(Initializer init) {
    float[] w = new float[10_000];
    init.fill(w, 9, 32, 1);
    double limit = Math.sqrt(3 * (init == Initializer.GLOROT_UNIFORM ? 2.0 / (9 + 32) : 2.0 / 9));
    for (float v : w) {
      assertTrue(Math.abs(v) <= limit, () -> v + " outside +-" + limit);
    }
  }
}
