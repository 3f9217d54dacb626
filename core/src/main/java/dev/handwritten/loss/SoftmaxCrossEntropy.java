package dev.handwritten.loss;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/**
 * Softmax followed by categorical cross-entropy, fused, for a batch of logits and integer labels:
 *
 * <pre>
 *   p[n, k]  = exp(z[n, k] - max_k z[n, k]) / sum_k exp(z[n, k] - max_k z[n, k])
 *   loss     = mean over n of -log p[n, label[n]]
 *            = mean over n of (logsumexp(z[n, :]) - z[n, label[n]])
 *   dz[n, k] = (p[n, k] - [k == label[n]]) / N
 * </pre>
 *
 * Subtracting the row maximum keeps {@code exp} from overflowing, and taking the loss from the
 * log-sum-exp rather than from {@code log(p)} keeps it finite even when a probability underflows to
 * zero. Fusing the two avoids the softmax Jacobian altogether: the gradient is just {@code p -
 * onehot}.
 *
 * <pre>{@code
 * SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
 * SoftmaxCrossEntropy.Result r = loss.compute(logits, labels); // logits [N, classes]
 * model.backward(r.logitsGradient());
 * }</pre>
 */
public final class SoftmaxCrossEntropy {
  private Tensor gradient; // [N, classes], reused while the batch size does not change
  private Tensor probabilities; // [N, classes]

  /**
   * A loss with no buffers yet; they are made at the first batch and reused while its size holds.
   */
  public SoftmaxCrossEntropy() {}

  /**
   * The outcome for one batch.
   *
   * @param loss the mean cross-entropy over the batch, in nats
   * @param correct how many rows have their largest logit at the label (ties go to the lower class)
   * @param logitsGradient {@code d loss / d logits}, {@code [N, classes]}, owned by the loss object
   *     until its next call
   */
  public record Result(double loss, int correct, Tensor logitsGradient) {}

  /**
   * The mean loss of a batch and its gradient with respect to the logits.
   *
   * @param logits {@code [N, classes]}, finite
   * @param labels {@code N} class indices in {@code [0, classes)}
   * @return the loss, the count of correct rows and {@code d loss / d logits}
   * @throws IllegalArgumentException on a wrong rank, a batch mismatch, a label out of range, or a
   *     NaN or infinite logit
   */
  public Result compute(Tensor logits, int[] labels) {
    Shape shape = logits.shape();
    if (shape.rank() != 2) {
      throw new IllegalArgumentException(
          "SoftmaxCrossEntropy: expected logits [N, classes], got "
              + shape
              + "; add a Flatten and a Dense layer at the end of the model");
    }
    int batch = shape.dim(0);
    int classes = shape.dim(1);
    if (labels.length != batch) {
      throw new IllegalArgumentException(
          "SoftmaxCrossEntropy: expected "
              + batch
              + " labels to match logits "
              + shape
              + ", got "
              + labels.length);
    }
    for (int n = 0; n < batch; n++) {
      if (labels[n] < 0 || labels[n] >= classes) {
        throw new IllegalArgumentException(
            "SoftmaxCrossEntropy: label "
                + labels[n]
                + " at batch index "
                + n
                + " is outside [0, "
                + classes
                + ")");
      }
    }
    logits.requireFinite("SoftmaxCrossEntropy: logits");
    gradient = reuse(gradient, shape);
    probabilities = reuse(probabilities, shape);
    float[] z = logits.data();
    float[] p = probabilities.data();
    float[] dz = gradient.data();
    double total = 0;
    int correct = 0;
    for (int n = 0; n < batch; n++) {
      int row = n * classes;
      int best = 0;
      float max = z[row];
      for (int k = 1; k < classes; k++) {
        if (z[row + k] > max) {
          max = z[row + k];
          best = k;
        }
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(z[row + k] - max);
      }
      double logSumExp = max + Math.log(sum);
      total += logSumExp - z[row + labels[n]];
      if (best == labels[n]) {
        correct++;
      }
      for (int k = 0; k < classes; k++) {
        double probability = Math.exp(z[row + k] - logSumExp);
        p[row + k] = (float) probability;
        dz[row + k] = (float) ((probability - (k == labels[n] ? 1 : 0)) / batch);
      }
    }
    return new Result(total / batch, correct, gradient);
  }

  /**
   * {@return the softmax probabilities of the last {@link #compute} call, {@code [N, classes]}}
   *
   * @throws IllegalStateException before the first {@link #compute}
   */
  public Tensor probabilities() {
    if (probabilities == null) {
      throw new IllegalStateException("SoftmaxCrossEntropy: no probabilities before compute");
    }
    return probabilities;
  }

  /**
   * Softmax of each row, written into {@code out} (same shape): for inference, where no loss is
   * needed.
   *
   * @param logits {@code [..., classes]}, softmax over the last dimension
   * @param out the probabilities, the same shape as {@code logits}
   */
  public static void softmax(Tensor logits, Tensor out) {
    int classes = logits.shape().dim(-1);
    int rows = logits.size() / classes;
    float[] z = logits.data();
    float[] p = out.data();
    for (int n = 0; n < rows; n++) {
      int row = n * classes;
      float max = z[row];
      for (int k = 1; k < classes; k++) {
        max = Math.max(max, z[row + k]);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(z[row + k] - max);
      }
      for (int k = 0; k < classes; k++) {
        p[row + k] = (float) (Math.exp(z[row + k] - max) / sum);
      }
    }
  }

  private static Tensor reuse(Tensor cached, Shape shape) {
    return cached != null && cached.shape().equals(shape) ? cached : Tensor.zeros(shape);
  }

  @Override
  public String toString() {
    return "SoftmaxCrossEntropy";
  }
}
