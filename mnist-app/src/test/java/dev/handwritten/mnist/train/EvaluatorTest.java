package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  // Two one-pixel images of class 1.
  private static final DataSet TWO_ONES =
      new DataSet(Tensor.of(new float[] {1, 1}, 2, 1, 1, 1), new int[] {1, 1});

  /** A model whose logits are its biases, whatever the image: softmax(bias0, bias1). */
  private static Sequential constant(float bias0, float bias1, int classes) {
    Dense dense = new Dense(1, classes, 0);
    java.util.Arrays.fill(dense.weight().value().data(), 0f);
    dense.bias().value().data()[0] = bias0;
    dense.bias().value().data()[1] = bias1;
    return new Sequential(Shape.of(1, 1, 1), new Flatten(), dense);
  }

  @Test
  void ensemble_averagesProbabilities_beforeItPredicts() {
    // Model A leans to class 0 (p = 0.60 against 0.40), model B is sure of class 1 (0.90 against
    // 0.10). Averaged: class 0 0.35, class 1 0.65, so the ensemble is right where A is wrong.
    Sequential a = constant(0.4f, 0f, 2);
    Sequential b = constant(0f, 2.2f, 2);
    assertEquals(0.0, Evaluator.evaluate(a, TWO_ONES, 10).accuracy());

    Evaluation both = Evaluator.evaluate(List.of(a, b), TWO_ONES, 1);
    double p1 = (1 / (1 + Math.exp(0.4)) + 1 / (1 + Math.exp(-2.2))) / 2;
    assertEquals(1.0, both.accuracy());
    assertArrayEquals(new int[] {1, 1}, both.predicted());
    assertEquals(-Math.log(p1), both.loss(), 1e-6);
    assertEquals(p1, both.confidence()[0], 1e-6);
  }

  @Test
  void ensembleOfOneModel_isThatModel() {
    Sequential a = constant(0.4f, 0f, 2);
    Evaluation alone = Evaluator.evaluate(a, TWO_ONES, 10);
    Evaluation listed = Evaluator.evaluate(List.of(a), TWO_ONES, 10);
    assertEquals(alone.loss(), listed.loss());
    assertArrayEquals(alone.predicted(), listed.predicted());
  }

  @Test
  void ensemble_ofModelsWithDifferentClassCounts_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Evaluator.evaluate(
                    List.of(constant(0f, 0f, 2), constant(0f, 0f, 3)), TWO_ONES, 10));
    assertTrue(e.getMessage().contains("model 1 of the ensemble has 2 classes but model 2 has 3"));
  }

  @Test
  void ensemble_ofNoModels_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(List.of(), TWO_ONES, 1));
  }
}
