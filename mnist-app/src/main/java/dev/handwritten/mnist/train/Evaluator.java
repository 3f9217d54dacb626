package dev.handwritten.mnist.train;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.tensor.Tensor;

/** Runs a model in evaluation mode over a data set, batch by batch. */
public final class Evaluator {
  private Evaluator() {}

  /**
   * @param batchSize images per forward pass; only memory depends on it, not the results
   */
  public static Evaluation evaluate(Sequential model, DataSet data, int batchSize) {
    int count = data.size();
    int classes = model.outputShape(data.images().shape().withDim(0, 1)).dim(1);
    int[] predicted = new int[count];
    float[] confidence = new float[count];
    int[][] confusion = new int[classes][classes];
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    int imageSize = data.images().size() / count;
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
      SoftmaxCrossEntropy.Result r = loss.compute(model.forward(x, Mode.EVAL), labels);
      totalLoss += r.loss() * size;
      correct += r.correct();
      float[] p = loss.probabilities().data();
      for (int n = 0; n < size; n++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (p[n * classes + k] > p[n * classes + best]) {
            best = k;
          }
        }
        predicted[from + n] = best;
        confidence[from + n] = p[n * classes + best];
        confusion[labels[n]][best]++;
      }
    }
    return new Evaluation(
        totalLoss / count, correct / (double) count, predicted, confidence, confusion);
  }
}
