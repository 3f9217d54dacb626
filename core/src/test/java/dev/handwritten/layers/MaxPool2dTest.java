package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;

class MaxPool2dTest {
  @Test
  void forwardAndBackward_workedExample_overlappingWindows() {
    // x = [[1 2 3] [4 9 5] [6 7 8]], 2x2 windows with stride 1 overlap: every window holds the 9,
    // so y = [[9 9] [9 9]] and all four output gradients flow to the centre: dx[1,1] = 1+2+3+4.
    MaxPool2d pool = new MaxPool2d(2, 1);
    Tensor y =
        pool.forward(Tensor.of(new float[] {1, 2, 3, 4, 9, 5, 6, 7, 8}, 1, 1, 3, 3), Mode.EVAL);
    assertArrayEquals(new float[] {9, 9, 9, 9}, y.data());
    Tensor dx = pool.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
    assertArrayEquals(new float[] {0, 0, 0, 0, 10, 0, 0, 0, 0}, dx.data());
  }

  @Test
  void backward_afterAnEvaluationForward_routesByThatForwardsMaxima() {
    // Evaluation skips the argmax; a backward pass after it must find the maxima of that input,
    // not reuse those of the training pass before it (which sat in the other corner).
    MaxPool2d pool = new MaxPool2d(2);
    pool.forward(Tensor.of(new float[] {9, 0, 0, 0}, 1, 1, 2, 2), Mode.train(0));
    Tensor y = pool.forward(Tensor.of(new float[] {0, 0, 0, 7}, 1, 1, 2, 2), Mode.EVAL);
    assertArrayEquals(new float[] {7}, y.data());
    Tensor dx = pool.backward(Tensor.of(new float[] {1}, 1, 1, 1, 1));
    assertArrayEquals(new float[] {0, 0, 0, 1}, dx.data());
  }

  @Test
  void forward_givesTheSameValuesInEvaluationAndTraining() {
    Tensor x = Fixtures.uniform(3, 2, 32, 26, 26);
    float[] training = new MaxPool2d(2).forward(x, Mode.train(0)).data().clone();
    float[] evaluation = new MaxPool2d(2).forward(x, Mode.EVAL).data();
    assertArrayEquals(training, evaluation);
  }

  @Test
  void backward_matchesNumericalGradient_nonOverlapping() {
    // distinct() spaces values by 0.05 > 2 * step: no window has a tie the check could flip.
    Fixtures.assertGradientsMatch(
        GradientCheck.check(new MaxPool2d(2), Fixtures.distinct(1, 2, 3, 6, 6), Mode.EVAL, 2));
  }

  @Test
  void backward_matchesNumericalGradient_overlapping() {
    Fixtures.assertGradientsMatch(
        GradientCheck.check(new MaxPool2d(3, 2), Fixtures.distinct(3, 2, 2, 7, 7), Mode.EVAL, 4));
  }

  @Test
  void outputShape_dropsRowsThatDoNotFillAWindow() {
    // (13 - 2) / 2 + 1 = 6.5 -> 6, as in the reference CNN's second pooling (11 -> 5).
    assertEquals(Shape.of(4, 64, 6, 6), new MaxPool2d(2).outputShape(Shape.of(4, 64, 13, 13)));
    assertEquals(Shape.of(4, 64, 5, 5), new MaxPool2d(2).outputShape(Shape.of(4, 64, 11, 11)));
  }

  @Test
  void forward_rejectsWrongRank() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MaxPool2d(2).forward(Tensor.zeros(4, 784), Mode.EVAL));
    assertEquals("MaxPool2d(k=2, s=2): expected input [N, C, H, W], got [4, 784]", e.getMessage());
  }

  @Test
  void forward_rejectsImageSmallerThanWindow() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MaxPool2d(3).forward(Tensor.zeros(1, 1, 2, 5), Mode.EVAL));
    assertEquals(
        "MaxPool2d(k=3, s=3): expected height and width >= 3, got [1, 1, 2, 5];"
            + " the image is smaller than one window",
        e.getMessage());
  }

  @Test
  void backward_beforeForward_isAnError() {
    assertThrows(
        IllegalStateException.class, () -> new MaxPool2d(2).backward(Tensor.zeros(1, 1, 1, 1)));
  }
}
