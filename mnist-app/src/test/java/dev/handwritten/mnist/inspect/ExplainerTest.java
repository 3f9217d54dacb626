package dev.handwritten.mnist.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.init.Initializer;
import dev.handwritten.layers.BatchNorm2d;
import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Dropout;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.MaxPool2d;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Normalize;
import dev.handwritten.layers.Parameter;
import dev.handwritten.layers.Relu;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Feature maps and saliency: what they hold, and that the saliency is the true gradient. */
class ExplainerTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  /** A small CNN with every kind of layer the presets use, seeded, on 8 x 8 images. */
  private static Sequential small(long seed) {
    BatchNorm2d norm = new BatchNorm2d(3);
    // Running statistics other than (0, 1), so that evaluation mode visibly uses them.
    Arrays.fill(norm.state().get(0).data(), 0.1f);
    Arrays.fill(norm.state().get(1).data(), 2f);
    return new Sequential(
        Shape.of(1, 8, 8),
        new Normalize(0.1307, 0.3081),
        new Conv2d(1, 3, 3, 1, 1, Initializer.GLOROT_UNIFORM, seed),
        norm,
        new Relu(),
        new MaxPool2d(2),
        new Conv2d(3, 4, 3, seed + 1),
        new Relu(),
        new Flatten(),
        new Dropout(0.5, seed + 3), // the identity in evaluation, forward and backward
        new Dense(4 * 2 * 2, 5, seed + 2));
  }

  private static float[] randomImage(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] image = new float[64];
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) random.nextDouble();
    }
    return image;
  }

  @Test
  void bundledModel_showsEachConvolutionBlock_ofAnMnistSeven() throws IOException {
    DataSet test = DataSet.loadTest(MNIST).subset(0, 1); // a 7
    float[] seven = Arrays.copyOf(test.images().data(), 784);

    Explanation e = new Explainer(Recognizer.bundled()).explain(seven);

    assertEquals(7, e.digit());
    assertEquals(3, e.featureMaps().size());
    int[][] shapes = {{32, 28, 28}, {64, 14, 14}, {128, 7, 7}};
    for (int b = 0; b < 3; b++) {
      FeatureMaps maps = e.featureMaps().get(b);
      assertArrayEquals(shapes[b], new int[] {maps.channels(), maps.height(), maps.width()});
      assertTrue(maps.layer().startsWith("Conv2d("), maps.layer());
      assertTrue(
          maps.layer().endsWith(" + BatchNorm2d(" + shapes[b][0] + ") + Relu"), maps.layer());
      for (float v : maps.values()) {
        assertTrue(v >= 0, "after ReLU: " + v);
      }
    }
    assertEquals(784, e.saliency().length);
    // The pixels that matter are near the ink: the strongest gradient lies within two pixels of
    // a stroke, not in the empty margin.
    int strongest = 0;
    for (int i = 1; i < 784; i++) {
      strongest = Math.abs(e.saliency()[i]) > Math.abs(e.saliency()[strongest]) ? i : strongest;
    }
    assertTrue(nearInk(seven, strongest % 28, strongest / 28, 2), "pixel " + strongest);
  }

  private static boolean nearInk(float[] image, int x, int y, int within) {
    for (int dy = -within; dy <= within; dy++) {
      for (int dx = -within; dx <= within; dx++) {
        int xx = x + dx;
        int yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < 28 && yy < 28 && image[yy * 28 + xx] > 0.5f) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void featureMaps_areTheBlocksOutputs_inEvaluationMode() {
    Sequential model = small(3);
    float[] image = randomImage(5);
    Explanation e = new Explainer(Recognizer.inPlace(List.of(model))).explain(image);

    assertEquals(2, e.featureMaps().size());
    FeatureMaps first = e.featureMaps().get(0);
    assertEquals("Conv2d(1->3, k=3, s=1, p=1) + BatchNorm2d(3) + Relu", first.layer());
    // The same layers run by hand.
    Tensor y = Tensor.of(image.clone(), 1, 1, 8, 8);
    for (int i = 0; i < 4; i++) { // Normalize, Conv2d, BatchNorm2d, Relu
      y = model.layers().get(i).forward(y, Mode.EVAL);
    }
    assertArrayEquals(y.data(), first.values());
    assertArrayEquals(Arrays.copyOfRange(y.data(), 64, 128), first.map(1));
    assertEquals("Conv2d(3->4, k=3, s=1, p=0) + Relu", e.featureMaps().get(1).layer());
    assertEquals(4 * 2 * 2, e.featureMaps().get(1).values().length);
  }

  @Test
  void saliency_isTheGradientOfTheWinningLogit_byCentralDifferences() {
    Sequential model = small(7);
    float[] image = randomImage(11);
    Explanation e = new Explainer(Recognizer.inPlace(List.of(model))).explain(image);
    int target = e.digit();

    // d logit[target] / d pixel, by central differences in double around each pixel. The step
    // is small against the distance of the pre-activations from ReLU's kink and max-pool's ties
    // for this seeded input; 1e-3 relative to the largest gradient is float32's reach here.
    double step = 1e-3;
    double largest = 0;
    for (float g : e.saliency()) {
      largest = Math.max(largest, Math.abs(g));
    }
    for (int i = 0; i < image.length; i++) {
      float[] up = image.clone();
      float[] down = image.clone();
      up[i] += (float) step;
      down[i] -= (float) step;
      double numeric = (logit(model, up, target) - logit(model, down, target)) / (2 * step);
      assertEquals(numeric, e.saliency()[i], 2e-3 * largest, "pixel " + i);
    }
    assertTrue(largest > 0);
  }

  private static double logit(Sequential model, float[] image, int k) {
    return model.forward(Tensor.of(image, 1, 1, 8, 8), Mode.EVAL).data()[k];
  }

  @Test
  void smoothSaliency_withoutNoise_isThePlainGradient() {
    Sequential model = small(7);
    float[] image = randomImage(11);
    Explanation e = new Explainer(Recognizer.inPlace(List.of(model)), 4, 0).explain(image);
    assertArrayEquals(e.saliency(), e.smoothSaliency(), 1e-6f);
  }

  @Test
  void smoothSaliency_isTheSameEachTime_andSmootherThanThePlainOne() throws IOException {
    DataSet test = DataSet.loadTest(MNIST).subset(0, 1);
    float[] seven = Arrays.copyOf(test.images().data(), 784);
    Explainer explainer = new Explainer(Recognizer.bundled());
    Explanation e = explainer.explain(seven);
    assertArrayEquals(e.smoothSaliency(), explainer.explain(seven).smoothSaliency());
    // Smoother: neighbouring pixels differ less, relative to the map's size (measured: 0.63 of
    // the plain map's roughness for this 7).
    assertTrue(
        roughness(e.smoothSaliency()) < 0.8 * roughness(e.saliency()),
        roughness(e.smoothSaliency()) + " against " + roughness(e.saliency()));
  }

  /** The mean squared difference of horizontal neighbours, over the mean square. */
  private static double roughness(float[] map) {
    double differences = 0;
    double squares = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        float v = map[y * 28 + x];
        squares += v * v;
        if (x > 0) {
          float d = v - map[y * 28 + x - 1];
          differences += d * d;
        }
      }
    }
    return differences / squares;
  }

  @Test
  void explaining_leavesTheModelsGradientsAtZero() {
    Sequential model = small(3);
    new Explainer(Recognizer.inPlace(List.of(model))).explain(randomImage(1));
    for (Parameter p : model.parameters()) {
      for (float g : p.grad().data()) {
        assertEquals(0f, g, p.name());
      }
    }
  }

  @Test
  void ensemble_averagesTheSaliencyOfItsModels() {
    float[] image = randomImage(2);
    Explanation one = new Explainer(Recognizer.inPlace(List.of(small(3)))).explain(image);
    Explanation two = new Explainer(Recognizer.inPlace(List.of(small(3), small(3)))).explain(image);
    assertArrayEquals(one.saliency(), two.saliency(), 1e-7f);
    assertEquals(one.featureMaps(), two.featureMaps());
  }

  @Test
  void badImages_areRefused_asTheRecognizerRefusesThem() {
    Explainer explainer = new Explainer(Recognizer.inPlace(List.of(small(3))));
    IllegalArgumentException wrongSize =
        assertThrows(IllegalArgumentException.class, () -> explainer.explain(new float[63]));
    assertTrue(
        wrongSize.getMessage().contains("expected an image of 64 values"), wrongSize.getMessage());
    float[] nan = randomImage(1);
    nan[5] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> explainer.explain(nan));
  }
}
