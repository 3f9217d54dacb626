package dev.handwritten.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.init.Initializer;
import dev.handwritten.kernels.NaiveConvolution;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import dev.handwritten.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Conv2dTest {
  private static Conv2d withWeights(float[] weights, float bias) {
    Conv2d conv = new Conv2d(1, 1, 2, 1, 0, Initializer.GLOROT_UNIFORM, 0);
    System.arraycopy(weights, 0, conv.weight().value().data(), 0, weights.length);
    conv.bias().value().data()[0] = bias;
    return conv;
  }

  @Test
  void forwardAndBackward_workedExample() {
    // x = [[1 2 3] [4 5 6] [7 8 9]], weight = [[1 2] [3 4]], bias 0.5, stride 1, no padding.
    // y[0,0] = 1*1 + 2*2 + 3*4 + 4*5 + 0.5 = 37.5; likewise 47.5, 67.5, 77.5.
    Conv2d conv = withWeights(new float[] {1, 2, 3, 4}, 0.5f);
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    Tensor y = conv.forward(x, Mode.EVAL);
    assertEquals(Shape.of(1, 1, 2, 2), y.shape());
    assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f}, y.data());

    // With dy = 1 everywhere: dWeight[kh,kw] sums the inputs the kernel tap saw,
    // e.g. dWeight[0,0] = 1 + 2 + 4 + 5 = 12; dBias = 4 positions; dx[i,j] sums the weights
    // that touched x[i,j], e.g. the centre was touched by all four: 1 + 2 + 3 + 4 = 10.
    Tensor dx = conv.backward(Tensor.of(new float[] {1, 1, 1, 1}, 1, 1, 2, 2));
    assertArrayEquals(new float[] {12, 16, 24, 28}, conv.weight().grad().data());
    assertArrayEquals(new float[] {4}, conv.bias().grad().data());
    assertArrayEquals(new float[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, dx.data());
  }

  @ParameterizedTest(name = "C={0} OC={1} K={2} stride={3} padding={4}: {5}")
  @CsvSource({
    "1, 2, 3, 1, 0, COLUMNS",
    "1, 3, 3, 2, 1, COLUMNS",
    "3, 2, 2, 3, 2, COLUMNS",
    "3, 4, 3, 1, 1, ROWS",
    "2, 3, 3, 2, 0, ROWS",
    "2, 3, 3, 2, 1, ROWS",
    "4, 2, 2, 3, 2, ROWS"
  })
  void backward_matchesNumericalGradient(
      int c, int oc, int k, int stride, int padding, Conv2d.Lowering lowering) {
    Conv2d conv = new Conv2d(c, oc, k, stride, padding, Initializer.HE_UNIFORM, 11);
    assertEquals(lowering, conv.lowering(), "the case meant to check this lowering");
    System.arraycopy(Fixtures.uniform(13, oc).data(), 0, conv.bias().value().data(), 0, oc);
    Tensor x = Fixtures.uniform(14, 2, c, 7, 6);
    Fixtures.assertGradientsMatch(GradientCheck.check(conv, x, Mode.EVAL, 15));
  }

  @Test
  void backward_afterADirectForward_matchesNumericalGradient() {
    // Rows of 11 outputs and 5 filters: with the Vector API, forward computes straight from the
    // image (DirectConvolution) and the weight gradient unfolds the columns it did not make.
    Conv2d conv = new Conv2d(1, 5, 3, 1, 0, Initializer.HE_UNIFORM, 12);
    System.arraycopy(Fixtures.uniform(13, 5).data(), 0, conv.bias().value().data(), 0, 5);
    Tensor x = Fixtures.uniform(14, 2, 1, 12, 13);
    Fixtures.assertGradientsMatch(GradientCheck.check(conv, x, Mode.EVAL, 15));
  }

  @ParameterizedTest(name = "C={0}: {1}")
  @CsvSource({"1, COLUMNS", "3, ROWS"})
  void forward_matchesNaiveConvolution_withStrideAndPadding(int c, Conv2d.Lowering lowering) {
    Conv2d conv = new Conv2d(c, 5, 3, 2, 1, Initializer.GLOROT_NORMAL, 3);
    assertEquals(lowering, conv.lowering());
    System.arraycopy(Fixtures.uniform(4, 5).data(), 0, conv.bias().value().data(), 0, 5);
    Tensor x = Fixtures.uniform(5, 2, c, 9, 8);
    Tensor y = conv.forward(x, Mode.EVAL);
    assertEquals(Shape.of(2, 5, 5, 4), y.shape());
    float[] expected = new float[y.size()];
    NaiveConvolution.forward(
        x.data(),
        2,
        c,
        9,
        8,
        conv.weight().value().data(),
        conv.bias().value().data(),
        5,
        3,
        2,
        1,
        expected);
    assertEquals(0, Fixtures.maxAbsDifference(expected, y.data()), 1e-5);
  }

  @Test
  void outputShape_isFlooredAsInPyTorch() {
    Conv2d conv = new Conv2d(1, 8, 3, 2, 1, Initializer.HE_NORMAL, 0);
    // (28 + 2*1 - 3) / 2 + 1 = 14.5, floored to 14
    assertEquals(Shape.of(5, 8, 14, 14), conv.outputShape(Shape.of(5, 1, 28, 28)));
  }

  @Test
  void backward_addsIntoParameterGradients() {
    Conv2d conv = new Conv2d(2, 3, 3, 5);
    Tensor x = Fixtures.uniform(1, 2, 2, 5, 5);
    Tensor dy = Fixtures.uniform(2, 2, 3, 3, 3);
    conv.forward(x, Mode.EVAL);
    conv.backward(dy);
    float[] once = conv.weight().grad().data().clone();
    float[] biasOnce = conv.bias().grad().data().clone();
    conv.backward(dy);
    for (int i = 0; i < once.length; i++) {
      assertEquals(2 * once[i], conv.weight().grad().data()[i], 1e-5);
    }
    assertEquals(2 * biasOnce[0], conv.bias().grad().data()[0], 1e-5);
  }

  @Test
  void forward_afterTheWeightChangedInPlace_usesTheNewWeight() {
    // The row lowering reorders the weight only when it differs from the one it last reordered;
    // an optimizer (or a user) writes into the weight's array, and the next forward must see it.
    Conv2d conv = new Conv2d(4, 6, 3, 1, 0, Initializer.GLOROT_UNIFORM, 3);
    assertEquals(Conv2d.Lowering.ROWS, conv.lowering());
    Tensor x = Fixtures.uniform(8, 2, 4, 7, 7);
    float[] before = conv.forward(x, Mode.EVAL).data().clone();
    conv.weight().value().data()[37] += 0.5f;
    float[] after = conv.forward(x, Mode.EVAL).data().clone();
    Conv2d fresh = new Conv2d(4, 6, 3, 1, 0, Initializer.GLOROT_UNIFORM, 3);
    System.arraycopy(conv.weight().value().data(), 0, fresh.weight().value().data(), 0, 216);
    assertArrayEquals(fresh.forward(x, Mode.EVAL).data(), after);
    assertFalse(java.util.Arrays.equals(before, after), "the change reached the output");
  }

  @Test
  void sameSeed_givesIdenticalWeights_otherSeedDifferent() {
    assertArrayEquals(
        new Conv2d(3, 8, 3, 42).weight().value().data(),
        new Conv2d(3, 8, 3, 42).weight().value().data());
    assertEquals(
        false,
        java.util.Arrays.equals(
            new Conv2d(3, 8, 3, 42).weight().value().data(),
            new Conv2d(3, 8, 3, 43).weight().value().data()));
  }

  @Test
  void forward_rejectsWrongChannelCount() {
    Conv2d conv = new Conv2d(1, 32, 3, 0);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> conv.forward(Tensor.zeros(64, 3, 28, 28), Mode.EVAL));
    assertEquals(
        "Conv2d(1->32, k=3, s=1, p=0): expected input [N, 1, H, W], got [64, 3, 28, 28]",
        e.getMessage());
  }

  @Test
  void forward_rejectsWrongRank() {
    Conv2d conv = new Conv2d(1, 32, 3, 0);
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(64, 784), Mode.EVAL));
    assertEquals(
        "Conv2d(1->32, k=3, s=1, p=0): expected input [N, 1, H, W], got [64, 784]", e.getMessage());
  }

  @Test
  void forward_rejectsImageSmallerThanKernel() {
    Conv2d conv = new Conv2d(1, 4, 5, 0);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> conv.forward(Tensor.zeros(1, 1, 3, 3), Mode.EVAL));
    assertEquals(
        "Conv2d(1->4, k=5, s=1, p=0): expected an input of at least 5x5 after padding, got [1, 1, 3, 3];"
            + " output would be (H + 2*0 - 5) / 1 + 1 = -1 by -1",
        e.getMessage());
  }

  @Test
  void backward_beforeForward_isAnError() {
    Conv2d conv = new Conv2d(1, 4, 3, 0);
    var e =
        assertThrows(IllegalStateException.class, () -> conv.backward(Tensor.zeros(1, 4, 1, 1)));
    assertEquals(
        "Conv2d(1->4, k=3, s=1, p=0): backward called before forward; run forward on the batch first",
        e.getMessage());
  }

  @Test
  void backward_rejectsGradientOfWrongShape() {
    Conv2d conv = new Conv2d(1, 4, 3, 0);
    conv.forward(Tensor.zeros(2, 1, 5, 5), Mode.EVAL);
    var e =
        assertThrows(IllegalArgumentException.class, () -> conv.backward(Tensor.zeros(2, 4, 2, 2)));
    assertEquals(
        "Conv2d(1->4, k=3, s=1, p=0): expected output gradient [2, 4, 3, 3], got [2, 4, 2, 2]",
        e.getMessage());
  }

  @Test
  void constructor_rejectsBadSizes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Conv2d(1, 4, 3, 0, 0, Initializer.HE_NORMAL, 0));
    assertEquals("Conv2d: expected stride >= 1, got 0", e.getMessage());
  }
}
