package dev.handwritten.mnist.train;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/** Runs a model in evaluation mode over a data set, batch by batch. */
public final class Evaluator {
  private Evaluator() {}

  /**
   * @param batchSize images per forward pass; only memory depends on it, not the results
   */
  public static Evaluation evaluate(Sequential model, DataSet data, int batchSize) {
    return evaluate(List.of(model), data, batchSize);
  }

  /**
   * Evaluates an ensemble: each image's class probabilities are the mean of the models' softmax
   * probabilities, and the loss is the cross-entropy of that mean. With one model this is exactly
   * {@link #evaluate(Sequential, DataSet, int)}.
   *
   * @throws IllegalArgumentException if there are no models, or they disagree on the input or the
   *     number of classes
   */
  public static Evaluation evaluate(List<Sequential> models, DataSet data, int batchSize) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one model");
    }
    int count = data.size();
    Shape one = data.images().shape().withDim(0, 1);
    int classes = outputClasses(models.getFirst(), one, 1);
    for (int i = 1; i < models.size(); i++) {
      int other = outputClasses(models.get(i), one, i + 1);
      if (other != classes) {
        throw new IllegalArgumentException(
            "model 1 of the ensemble has "
                + classes
                + " classes but model "
                + (i + 1)
                + " has "
                + other);
      }
    }
    int[] predicted = new int[count];
    float[] confidence = new float[count];
    int[][] confusion = new int[classes][classes];
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    int imageSize = data.images().size() / count;
    float[] mean = new float[Math.min(batchSize, count) * classes];
    double totalLoss = 0;
    int correct = 0;
    for (int from = 0; from < count; from += batchSize) {
      int size = Math.min(batchSize, count - from);
      Tensor x =
          Tensor.of(
              java.util.Arrays.copyOfRange(
                  data.images().data(), from * imageSize, (from + size) * imageSize),
              data.images().shape().withDim(0, size));
      int[] labels = java.util.Arrays.copyOfRange(data.labels(), from, from + size);
      float[] p;
      if (models.size() == 1) {
        SoftmaxCrossEntropy.Result r =
            loss.compute(models.getFirst().forward(x, Mode.EVAL), labels);
        totalLoss += r.loss() * size;
        correct += r.correct();
        p = loss.probabilities().data();
      } else {
        java.util.Arrays.fill(mean, 0f);
        for (Sequential model : models) {
          loss.compute(model.forward(x, Mode.EVAL), labels);
          float[] probabilities = loss.probabilities().data();
          for (int i = 0; i < size * classes; i++) {
            mean[i] += probabilities[i];
          }
        }
        for (int i = 0; i < size * classes; i++) {
          mean[i] /= models.size();
        }
        p = mean;
        for (int n = 0; n < size; n++) {
          // A mean probability can round to 0; clamp so that the loss stays finite.
          totalLoss -= Math.log(Math.max(p[n * classes + labels[n]], 1e-30));
        }
      }
      for (int n = 0; n < size; n++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (p[n * classes + k] > p[n * classes + best]) {
            best = k;
          }
        }
        if (models.size() > 1 && best == labels[n]) {
          correct++;
        }
        predicted[from + n] = best;
        confidence[from + n] = p[n * classes + best];
        confusion[labels[n]][best]++;
      }
    }
    return new Evaluation(
        totalLoss / count, correct / (double) count, predicted, confidence, confusion);
  }

  private static int outputClasses(Sequential model, Shape oneImage, int index) {
    try {
      return model.outputShape(oneImage).dim(1);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "model " + index + " does not take images " + oneImage + ": " + e.getMessage(), e);
    }
  }
}
