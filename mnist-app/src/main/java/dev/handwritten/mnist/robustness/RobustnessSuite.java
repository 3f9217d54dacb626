package dev.handwritten.mnist.robustness;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Plots;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The test set seen as other people's handwriting and other scanners would make it: each {@link
 * Distortion} applied to every test image, with a seed fixed per distortion and image, and the
 * recognizer's accuracy on each. The transformed images exist only here, for measuring: no training
 * run ever sees them.
 *
 * <pre>{@code
 * List<RobustnessSuite.Score> scores = RobustnessSuite.evaluate(Recognizer.bundled(), test, 1000, 2, s -> {});
 * scores.getFirst();   // Score[distortion=thicker, accuracy=0.99..., ...]
 * }</pre>
 */
public final class RobustnessSuite {
  /** The suite's one seed; changing it makes another suite, and a table not comparable. */
  public static final long SEED = 20261203L;

  private RobustnessSuite() {}

  /**
   * The recognizer's accuracy on one distortion of the whole data set.
   *
   * @param distortion its {@link Distortion#key()}
   * @param description what it does
   * @param images how many images were distorted and read
   * @param accuracy fraction read correctly
   * @param loss mean cross-entropy on them
   */
  public record Score(
      String distortion, String description, int images, double accuracy, double loss) {}

  /**
   * Every distortion, in {@link Distortion} order.
   *
   * @param test 28 x 28 images, ink high in [0, 1]
   * @param threads forward passes at once; the scores do not depend on it
   * @param progress told each score as it is done
   * @throws IllegalArgumentException if the images are not 28 x 28
   */
  public static List<Score> evaluate(
      Recognizer recognizer, DataSet test, int batchSize, int threads, Consumer<Score> progress) {
    List<Score> scores = new ArrayList<>();
    for (Distortion distortion : Distortion.values()) {
      Evaluation e =
          Evaluator.evaluate(recognizer, distorted(test, distortion), batchSize, threads);
      Score score =
          new Score(distortion.key(), distortion.description(), e.count(), e.accuracy(), e.loss());
      progress.accept(score);
      scores.add(score);
    }
    return scores;
  }

  /**
   * Draws {@code robustness.png}: the first {@code count} images as they are and under every
   * distortion, each with the digit the recognizer reads.
   */
  public static void gallery(Recognizer recognizer, DataSet test, int count, Path png)
      throws IOException {
    DataSet first = test.subset(0, Math.min(count, test.size()));
    List<String> names = new ArrayList<>(List.of("original"));
    List<float[]> images = new ArrayList<>(List.of(first.images().data()));
    for (Distortion d : Distortion.values()) {
      names.add(d.key());
      images.add(distorted(first, d).images().data());
    }
    List<int[]> read = new ArrayList<>();
    for (float[] rowImages : images) {
      DataSet row = new DataSet(Tensor.of(rowImages, first.images().shape()), first.labels());
      read.add(Evaluator.evaluate(recognizer, row, first.size()).predicted());
    }
    Plots.robustnessGallery(names, images, first.labels(), read, png);
  }

  /** The data set with {@code distortion} applied to each image, labels unchanged. */
  public static DataSet distorted(DataSet data, Distortion distortion) {
    Tensor images = data.images();
    int size = Pixels.SIDE * Pixels.SIDE;
    if (images.shape().sample().size() != size) {
      throw new IllegalArgumentException(
          "robustness: expected 28 x 28 images, got " + images.shape().sample());
    }
    float[] out = new float[images.data().length];
    float[] one = new float[size];
    for (int i = 0; i < data.size(); i++) {
      System.arraycopy(images.data(), i * size, one, 0, size);
      System.arraycopy(distortion.apply(one, seed(distortion, i)), 0, out, i * size, size);
    }
    return new DataSet(Tensor.of(out, images.shape()), data.labels());
  }

  /** Image {@code index}'s seed under {@code distortion}: fixed, and different for each pair. */
  static long seed(Distortion distortion, int index) {
    return (SEED * 31 + distortion.ordinal()) * 1_000_003L + index;
  }
}
