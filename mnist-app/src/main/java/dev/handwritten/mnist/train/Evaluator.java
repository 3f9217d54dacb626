package dev.handwritten.mnist.train;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Runs a model over a labelled data set, batch by batch, and scores its answers. */
public final class Evaluator {
  private Evaluator() {}

  /**
   * A model in training, between epochs: {@link #evaluate(Recognizer, DataSet, int)} on it as it
   * is.
   */
  public static Evaluation evaluate(Sequential model, DataSet data, int batchSize) {
    return evaluate(Recognizer.inPlace(List.of(model)), data, batchSize);
  }

  /**
   * Scores the recognizer's class probabilities (an ensemble's mean, for several models) on every
   * image: accuracy, the cross-entropy of those probabilities, and the confusion matrix.
   *
   * @param batchSize images per forward pass; only memory depends on it, not the results
   * @throws IllegalArgumentException if the images do not have the shape the models take, naming
   *     both
   */
  public static Evaluation evaluate(Recognizer recognizer, DataSet data, int batchSize) {
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
    int imageSize = images.size();
    double totalLoss = 0;
    int correct = 0;
    for (int from = 0; from < count; from += batchSize) {
      int size = Math.min(batchSize, count - from);
      Tensor x =
          Tensor.of(
              Arrays.copyOfRange(data.images().data(), from * imageSize, (from + size) * imageSize),
              data.images().shape().withDim(0, size));
      float[] p = recognizer.probabilities(x); // [size, classes]
      for (int n = 0; n < size; n++) {
        int label = data.labels()[from + n];
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (p[n * classes + k] > p[n * classes + best]) {
            best = k;
          }
        }
        // A probability can round to 0 in float; clamp so that the loss stays finite.
        totalLoss -= Math.log(Math.max(p[n * classes + label], 1e-30));
        correct += best == label ? 1 : 0;
        predicted[from + n] = best;
        confidence[from + n] = p[n * classes + best];
        confusion[label][best]++;
      }
    }
    return new Evaluation(
        totalLoss / count, correct / (double) count, predicted, confidence, confusion);
  }
}
