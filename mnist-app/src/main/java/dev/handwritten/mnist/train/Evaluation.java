package dev.handwritten.mnist.train;

/**
 * A model's results on a labelled data set.
 *
 * @param loss mean cross-entropy
 * @param accuracy fraction classified correctly
 * @param predicted the predicted class per image
 * @param confidence the predicted class's softmax probability per image
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record Evaluation(
    double loss, double accuracy, int[] predicted, float[] confidence, int[][] confusion) {

  /** How many images were evaluated. */
  public int count() {
    return predicted.length;
  }

  /** Of the images predicted as {@code k}, the fraction that are {@code k}; 0 if none were. */
  public double precision(int k) {
    int predictedK = 0;
    for (int[] row : confusion) {
      predictedK += row[k];
    }
    return predictedK == 0 ? 0 : confusion[k][k] / (double) predictedK;
  }

  /** Of the images of class {@code k}, the fraction predicted as {@code k}; 0 if there are none. */
  public double recall(int k) {
    int actualK = 0;
    for (int count : confusion[k]) {
      actualK += count;
    }
    return actualK == 0 ? 0 : confusion[k][k] / (double) actualK;
  }

  /** The harmonic mean of precision and recall; 0 if both are 0. */
  public double f1(int k) {
    double p = precision(k);
    double r = recall(k);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
