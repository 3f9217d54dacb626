package dev.handwritten.mnist.train;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.tensor.Shape;
import java.util.List;

/** Runs a model over a labelled data set, batch by batch, and scores its answers. */
public final class Evaluator {
  private Evaluator() {}

  /**
   * A model in training, between epochs: {@link #evaluate(Recognizer, DataSet, int)} on it as it
   * is.
   */
  public static Evaluation evaluate(Sequential model, DataSet data, int batchSize) {
    return evaluate(Recognizer.inPlace(List.of(model)), data, batchSize, 1);
  }

  /** {@link #evaluate(Recognizer, DataSet, int, int)} on one thread. */
  public static Evaluation evaluate(Recognizer recognizer, DataSet data, int batchSize) {
    return evaluate(recognizer, data, batchSize, 1);
  }

  /**
   * Scores the recognizer's class probabilities (an ensemble's mean, for several models) on every
   * image: accuracy, the cross-entropy of those probabilities, and the confusion matrix.
   *
   * @param batchSize images per forward pass; only memory depends on it, not the results
   * @param threads forward passes at once; only the time depends on it, not the results
   * @throws IllegalArgumentException if the images do not have the shape the models take, naming
   *     both
   */
  public static Evaluation evaluate(
      Recognizer recognizer, DataSet data, int batchSize, int threads) {
    Shape images = data.images().shape().sample();
    if (!images.equals(recognizer.sampleShape())) {
      throw new IllegalArgumentException(
          "the model takes images of "
              + recognizer.sampleShape()
              + " but the data has images of "
              + images
              + "; evaluate it on data of its own size");
    }
    int count = data.size();
    int classes = recognizer.classes();
    int[] predicted = new int[count];
    float[] confidence = new float[count];
    int[][] confusion = new int[classes][classes];
    double totalLoss = 0;
    int correct = 0;
    float[] p = recognizer.probabilities(data.images(), batchSize, threads); // [count, classes]
    // Scored in image order on this thread, so that the loss's sum is the same at any thread count.
    for (int n = 0; n < count; n++) {
      int label = data.labels()[n];
      int best = 0;
      for (int k = 1; k < classes; k++) {
        if (p[n * classes + k] > p[n * classes + best]) {
          best = k;
        }
      }
      // A probability can round to 0 in float; clamp so that the loss stays finite.
      totalLoss -= Math.log(Math.max(p[n * classes + label], 1e-30));
      correct += best == label ? 1 : 0;
      predicted[n] = best;
      confidence[n] = p[n * classes + best];
      confusion[label][best]++;
    }
    return new Evaluation(
        totalLoss / count, correct / (double) count, predicted, confidence, confusion);
  }
}
