package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.init.Initializer;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SequentialTest {
  /** The reference CNN of the MNIST app: Keras's "simple MNIST convnet". */
  static Sequential referenceCnn(long seed) {
    return new Sequential(
        Shape.of(1, 28, 28),
        new Conv2d(1, 32, 3, seed),
        new Relu(),
        new MaxPool2d(2),
        new Conv2d(32, 64, 3, seed + 1),
        new Relu(),
        new MaxPool2d(2),
        new Flatten(),
        new Dropout(0.5, seed + 2),
        new Dense(1600, 10, seed + 3));
  }

  @Test
  void referenceCnn_hasKerasParameterCount() {
    // conv1 32*1*3*3 + 32 = 320; conv2 64*32*3*3 + 64 = 18,496; dense 1600*10 + 10 = 16,010.
    assertEquals(34_826, referenceCnn(0).parameterCount());
    assertEquals(Shape.of(7, 10), referenceCnn(0).outputShape(Shape.of(7, 1, 28, 28)));
  }

  @Test
  void summary_listsEveryLayerWithItsOutputAndParameters() {
    String summary = referenceCnn(0).summary();
    assertTrue(summary.contains("Conv2d(32->64, k=3, s=1, p=0)"), summary);
    assertTrue(summary.contains("[64, 11, 11]"), summary);
    assertTrue(summary.contains("34826"), summary);
  }

  @Test
  void summary_keepsItsColumnsAligned_whenALayerNameIsLong() {
    // Normalize's name (34 characters) is longer than a short default column would be.
    String[] lines =
        new Sequential(
                Shape.of(1, 28, 28),
                new Normalize(0.1307f, 0.3081f),
                new Conv2d(1, 4, 3, 0),
                new Flatten(),
                new Dense(4 * 26 * 26, 10, 1))
            .summary()
            .split("\\R");
    int shapeColumn = lines[0].indexOf("output");
    int countEnd = lines[0].length();
    assertEquals(shapeColumn, lines[1].indexOf("[1, 28, 28]"), lines[1]);
    assertEquals(shapeColumn, lines[2].indexOf("[4, 26, 26]"), lines[2]);
    for (String line : lines) {
      assertEquals(countEnd, line.length(), "every line ends under 'parameters': " + line);
    }
  }

  @Test
  void build_rejectsAWrongArchitecture_namingTheLayer() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Sequential(
                    Shape.of(1, 28, 28),
                    new Conv2d(1, 32, 3, 0),
                    new MaxPool2d(2),
                    new Conv2d(16, 64, 3, 0)));
    assertEquals(
        "Sequential: layer 3 of 3: Conv2d(16->64, k=3, s=1, p=0): expected input [N, 16, H, W],"
            + " got [1, 32, 13, 13]",
        e.getMessage());
  }

  @Test
  void build_rejectsDenseWithTheWrongInputSize() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Sequential(
                    Shape.of(1, 28, 28),
                    new Conv2d(1, 8, 3, 0),
                    new Flatten(),
                    new Dense(784, 10, 0)));
    assertEquals(
        "Sequential: layer 3 of 3: Dense(784->10): expected input [N, 784], got [1, 5408]",
        e.getMessage());
  }

  @Test
  void forward_rejectsInputOfTheWrongShape() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> referenceCnn(0).forward(Tensor.zeros(4, 3, 28, 28), Mode.EVAL));
    assertEquals("Sequential: expected input [N, 1, 28, 28], got [4, 3, 28, 28]", e.getMessage());
  }

  @Test
  void forward_rejectsNaN_namingWhere() {
    Tensor x = Tensor.zeros(2, 1, 28, 28);
    x.set(Float.NaN, 1, 0, 3, 4);
    var e =
        assertThrows(IllegalArgumentException.class, () -> referenceCnn(0).forward(x, Mode.EVAL));
    assertEquals(
        "Sequential: input: expected finite values, got NaN at index [1, 0, 3, 4] of [2, 1, 28, 28];"
            + " check the input data, or lower the learning rate if training diverged",
        e.getMessage());
  }

  @Test
  void backward_matchesNumericalGradient_throughASmallCnn() {
    // The chain rule across layers, checked as one layer. Pooling comes before the ReLU (the same
    // function, since max and ReLU commute), so pooling never sees the ReLU's tied zeros, and the
    // step is 3e-3 so that no pre-activation lies within a step of a kink.
    Sequential model =
        new Sequential(
            Shape.of(2, 6, 6),
            new Conv2d(2, 3, 3, 1, 1, Initializer.HE_UNIFORM, 1),
            new MaxPool2d(2),
            new Relu(),
            new Flatten(),
            new Dense(27, 4, 2));
    Fixtures.assertGradientsMatch(
        GradientCheck.check(model, Fixtures.uniform(3, 2, 2, 6, 6), Mode.EVAL, 4, 3e-3));
  }

  @Test
  void sameSeed_givesBitIdenticalOutputs() {
    Tensor x = Fixtures.uniform(1, 3, 1, 28, 28);
    float[] a = referenceCnn(42).forward(x, Mode.train(0)).data().clone();
    float[] b = referenceCnn(42).forward(x, Mode.train(0)).data().clone();
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
  }

  @Test
  void backwardParametersOnly_givesTheSameParameterGradientsAsBackward() {
    Tensor x = Fixtures.uniform(5, 4, 1, 28, 28);
    Tensor dy = Fixtures.uniform(6, 4, 10);
    Sequential full = referenceCnn(9);
    full.forward(x, Mode.train(1));
    full.backward(dy);
    Sequential partial = referenceCnn(9);
    partial.forward(x, Mode.train(1));
    partial.backwardParametersOnly(dy);
    for (int i = 0; i < full.parameters().size(); i++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          full.parameters().get(i).grad().data(),
          partial.parameters().get(i).grad().data(),
          full.parameters().get(i).toString());
    }
  }
}
