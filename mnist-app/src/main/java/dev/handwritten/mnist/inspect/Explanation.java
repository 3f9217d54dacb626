package dev.handwritten.mnist.inspect;

import dev.handwritten.mnist.recognize.Recognition;
import java.util.Arrays;
import java.util.List;

/**
 * Why the recognizer answered as it did for one image.
 *
 * @param recognition the answer, and the image as the network saw it ({@code input})
 * @param featureMaps each convolution block's output, first convolution first (of the first model,
 *     for an ensemble)
 * @param saliency the gradient of the answer's score (its logit) with respect to each input pixel,
 *     the shape of the input; positive where more ink would raise the score. For an ensemble, the
 *     mean over its models.
 * @param smoothSaliency the same gradient averaged over noisy copies of the input (SmoothGrad,
 *     Smilkov et al. 2017): the plain gradient of a network with ReLUs jumps from pixel to pixel,
 *     and the average keeps what the copies agree on
 */
public record Explanation(
    Recognition recognition,
    List<FeatureMaps> featureMaps,
    float[] saliency,
    float[] smoothSaliency) {
  public Explanation {
    featureMaps = List.copyOf(featureMaps);
  }

  /** The class whose score the saliency explains: the recognizer's answer. */
  public int digit() {
    return recognition.digit();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Explanation e
        && recognition.equals(e.recognition)
        && featureMaps.equals(e.featureMaps)
        && Arrays.equals(saliency, e.saliency)
        && Arrays.equals(smoothSaliency, e.smoothSaliency);
  }

  @Override
  public int hashCode() {
    return 31 * recognition.hashCode() + Arrays.hashCode(saliency);
  }

  @Override
  public String toString() {
    return "Explanation[" + recognition + ", " + featureMaps + "]";
  }
}
