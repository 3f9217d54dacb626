package dev.handwritten.mnist.serve;

import dev.handwritten.mnist.page.PictureReport;
import java.util.List;

/**
 * What {@code POST /api/explain} answers: the reading, in {@code predict --json}'s shape, and for
 * each digit read (the first {@link Answers#MAX_EXPLAINED}) what the network saw and did.
 *
 * @param report the reading, as {@code POST /api/predict} answers it
 * @param explained one entry per digit read, in the report's order
 */
record ExplainReport(PictureReport report, List<DigitExplanation> explained) {

  /**
   * One digit, looked inside.
   *
   * @param digit the answer
   * @param input the 28 x 28 image the network saw, row by row, in [0, 1] with ink high
   * @param saliency the gradient of the answer's logit with respect to each input pixel, row by
   *     row: positive where more ink would raise the answer's score
   * @param smoothSaliency the same, averaged over noisy copies of the input (SmoothGrad), which the
   *     page shows by default
   * @param featureMaps each convolution block's output for this input, first block first
   */
  record DigitExplanation(
      int digit,
      double[] input,
      double[] saliency,
      double[] smoothSaliency,
      List<Maps> featureMaps) {}

  /**
   * One convolution block's maps.
   *
   * @param layer e.g. {@code Conv2d(1->32, k=3, s=1, p=1) + BatchNorm2d(32) + Relu}
   * @param channels how many maps
   * @param height rows of each map
   * @param width columns of each map
   * @param values {@code [channels, height, width]}, row-major, three decimals
   */
  record Maps(String layer, int channels, int height, int width, double[] values) {}
}
