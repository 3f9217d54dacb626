package dev.handwritten.mnist.recognize;

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
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The one inference API: answers, ensembles, and many callers at once. */
class RecognizerTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  /** A model whose logits are its biases, whatever the one-pixel image: softmax(biases). */
  static Sequential constant(float... biases) {
    Dense dense = new Dense(1, biases.length, 0);
    Arrays.fill(dense.weight().value().data(), 0f);
    System.arraycopy(biases, 0, dense.bias().value().data(), 0, biases.length);
    return new Sequential(Shape.of(1, 1, 1), new Flatten(), dense);
  }

  /** {@link #constant} for 28 x 28 pictures: softmax(biases) whatever the picture. */
  static Sequential pictureModel(float... biases) {
    Dense dense = new Dense(28 * 28, biases.length, 0);
    Arrays.fill(dense.weight().value().data(), 0f);
    System.arraycopy(biases, 0, dense.bias().value().data(), 0, biases.length);
    return new Sequential(Shape.of(1, 28, 28), new Flatten(), dense);
  }

  @Test
  void bundledModel_readsTheFirstTestDigits() throws IOException {
    Recognizer recognizer = Recognizer.bundled();
    DataSet test = DataSet.loadTest(MNIST).subset(0, 5);
    int[] digits = new int[5];
    for (int i = 0; i < 5; i++) {
      Recognition r = recognizer.recognize(image(test, i));
      digits[i] = r.digit();
      assertTrue(r.probability() > 0.9, r.toString());
    }
    assertArrayEquals(new int[] {7, 2, 1, 0, 4}, digits); // the test set's first labels
    assertEquals("bundled model (/models/default.hwnn)", recognizer.describe());
    assertEquals(Shape.of(1, 28, 28), recognizer.sampleShape());
    assertEquals(10, recognizer.classes());
  }

  @Test
  void largeSets_inBatchesOnSeveralThreads_giveTheSameProbabilities_bitForBit() throws IOException {
    Recognizer recognizer = Recognizer.bundled();
    DataSet test = DataSet.loadTest(MNIST);
    Tensor images = test.subset(0, 500).images();
    float[] whole = recognizer.probabilities(images);
    assertArrayEquals(whole, recognizer.probabilities(images, 1000, 1));
    assertArrayEquals(whole, recognizer.probabilities(images, 64, 2));
    assertArrayEquals(whole, recognizer.probabilities(images, 7, 3));
    // A call runs its images a few at a time (Recognizer.FORWARD_CHUNK): each answer is the one it
    // gets alone.
    for (int i = 0; i < 20; i++) {
      float[] alone = recognizer.probabilities(test.subset(i, i + 1).images());
      assertArrayEquals(alone, java.util.Arrays.copyOfRange(whole, i * 10, i * 10 + 10), "" + i);
    }
    assertThrows(IllegalArgumentException.class, () -> recognizer.probabilities(images, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> recognizer.probabilities(images, 10, 0));
  }

  @Test
  void aBadImage_inOneBatchOfMany_failsTheWholeCall_withItsMessage() throws IOException {
    Recognizer recognizer = Recognizer.bundled();
    Tensor images = DataSet.loadTest(MNIST).subset(0, 100).images();
    float[] data = images.data().clone();
    data[90 * 784 + 300] = Float.NaN;
    Tensor bad = Tensor.of(data, images.shape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> recognizer.probabilities(bad, 10, 2));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void ensemble_averagesProbabilities_beforeItAnswers() {
    // Model A leans to class 0 (p = 0.60 against 0.40), model B is sure of class 1 (0.90 against
    // 0.10). Averaged: class 0 0.35, class 1 0.65, so the ensemble answers 1 where A says 0.
    Sequential a = constant(0.4f, 0f);
    Sequential b = constant(0f, 2.2f);
    assertEquals(0, Recognizer.inPlace(List.of(a)).recognize(new float[] {1}).digit());

    Recognition both = Recognizer.inPlace(List.of(a, b)).recognize(new float[] {1});
    double p1 = (1 / (1 + Math.exp(0.4)) + 1 / (1 + Math.exp(-2.2))) / 2;
    assertEquals(1, both.digit());
    assertEquals(p1, both.probability(), 1e-6);
    assertEquals(1 - p1, both.probabilities()[0], 1e-6);
  }

  @Test
  void oneModel_givesItsSoftmax() {
    // softmax(0, ln 3) = (1/4, 3/4)
    Recognition r =
        Recognizer.inPlace(List.of(constant(0f, (float) Math.log(3)))).recognize(new float[] {5});
    assertEquals(0.25, r.probabilities()[0], 1e-6);
    assertEquals(0.75, r.probabilities()[1], 1e-6);
  }

  @Test
  void top_ordersByProbability_andKeepsTheLowerClassFirstOnATie() {
    Recognition r = new Recognition(new float[1], new float[] {0.1f, 0.4f, 0.1f, 0.4f});
    assertEquals(
        List.of(
            new Recognition.Guess(1, 0.4f),
            new Recognition.Guess(3, 0.4f),
            new Recognition.Guess(0, 0.1f)),
        r.top(3));
    assertEquals(1, r.digit());
    assertEquals(4, r.top(10).size());
  }

  @Test
  void ensemble_ofModelsWithDifferentClassCounts_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Recognizer.inPlace(List.of(constant(0f, 0f), constant(0f, 0f, 0f))));
    assertEquals("model 1 of the ensemble has 2 classes but model 2 has 3", e.getMessage());
  }

  @Test
  void noModels_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Recognizer.inPlace(List.of()));
  }

  @Test
  void anImageOfTheWrongSize_isRefused_sayingWhatItExpected() {
    Recognizer recognizer = Recognizer.inPlace(List.of(constant(0f, 0f)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> recognizer.recognize(new float[4]));
    assertEquals("Recognizer: expected an image of 1 values [1, 1, 1], got 4", e.getMessage());
  }

  @Test
  void concurrentCallers_getExactlyTheSingleThreadedAnswers() throws Exception {
    Recognizer recognizer = Recognizer.bundled();
    DataSet test = DataSet.loadTest(MNIST).subset(0, 64);
    List<Recognition> expected = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      expected.add(recognizer.recognize(image(test, i)));
    }
    float[] expectedBatch = recognizer.probabilities(test.images());

    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> checked = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * 7; // each thread walks the images from a different place
        checked.add(
            pool.submit(
                () -> {
                  start.await();
                  int answers = 0;
                  for (int round = 0; round < 3; round++) {
                    for (int k = 0; k < test.size(); k++) {
                      int i = (k + offset) % test.size();
                      assertEquals(expected.get(i), recognizer.recognize(image(test, i)), "" + i);
                      answers++;
                    }
                    assertArrayEquals(expectedBatch, recognizer.probabilities(test.images()));
                    answers++;
                  }
                  return answers;
                }));
      }
      start.countDown();
      for (Future<Integer> f : checked) {
        assertEquals(3 * (64 + 1), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    int made = recognizer.replicasMade();
    assertTrue(
        made >= 1 && made <= Runtime.getRuntime().availableProcessors(), "replicas made: " + made);
  }

  private static float[] image(DataSet data, int i) {
    int size = 28 * 28;
    return Arrays.copyOfRange(data.images().data(), i * size, (i + 1) * size);
  }
}
