package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  // Two one-pixel images of class 1, one of class 0.
  private static final DataSet THREE =
      new DataSet(Tensor.of(new float[] {1, 1, 1}, 3, 1, 1, 1), new int[] {1, 1, 0});

  /** A model whose logits are its biases, whatever the image: softmax(bias0, bias1). */
  private static Sequential constant(float bias0, float bias1) {
    Dense dense = new Dense(1, 2, 0);
    Arrays.fill(dense.weight().value().data(), 0f);
    dense.bias().value().data()[0] = bias0;
    dense.bias().value().data()[1] = bias1;
    return new Sequential(Shape.of(1, 1, 1), new Flatten(), dense);
  }

  @Test
  void scoresTheRecognizersProbabilities() {
    // p(class 1) = 0.90 for every image: right on the two ones, wrong on the zero.
    Sequential sure = constant(0f, 2.2f);
    double p1 = 1 / (1 + Math.exp(-2.2));

    Evaluation e = Evaluator.evaluate(sure, THREE, 2);

    assertEquals(2 / 3.0, e.accuracy(), 1e-12);
    assertEquals((-2 * Math.log(p1) - Math.log(1 - p1)) / 3, e.loss(), 1e-6);
    assertArrayEquals(new int[] {1, 1, 1}, e.predicted());
    assertArrayEquals(new int[][] {{0, 1}, {0, 2}}, e.confusion());
    assertEquals(p1, e.confidence()[2], 1e-6);
  }

  @Test
  void anEnsemble_isScoredOnItsMeanProbabilities() {
    // A leans to 0 (0.60), B is sure of 1 (0.90): their mean says 1 with 0.65.
    Recognizer both = Recognizer.inPlace(List.of(constant(0.4f, 0f), constant(0f, 2.2f)));
    double p1 = (1 / (1 + Math.exp(0.4)) + 1 / (1 + Math.exp(-2.2))) / 2;

    Evaluation e = Evaluator.evaluate(both, THREE, 10);

    assertArrayEquals(new int[] {1, 1, 1}, e.predicted());
    assertEquals((-2 * Math.log(p1) - Math.log(1 - p1)) / 3, e.loss(), 1e-6);
  }

  @Test
  void theBatchSize_changesNothingButMemory() {
    Sequential sure = constant(0.3f, 1.2f);
    Evaluation one = Evaluator.evaluate(sure, THREE, 1);
    Evaluation all = Evaluator.evaluate(sure, THREE, 1000);
    assertEquals(one.loss(), all.loss());
    assertArrayEquals(one.confidence(), all.confidence());
  }

  @Test
  void imagesOfAnotherSize_areRefused_namingBothSizes() {
    DataSet bigger = new DataSet(Tensor.zeros(2, 1, 2, 2), new int[] {0, 1});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Evaluator.evaluate(constant(0f, 0f), bigger, 10));
    assertEquals(
        "the model takes images of [1, 1, 1] but the data has images of [1, 2, 2];"
            + " evaluate it on data of its own size",
        e.getMessage());
  }
}
