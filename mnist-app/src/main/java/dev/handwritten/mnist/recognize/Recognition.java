package dev.handwritten.mnist.recognize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the recognizer made of one image: the classifier's probabilities, and the rejection gate's
 * verdict on whether the image shows a digit at all. A rejected image keeps its probabilities, so a
 * caller can still show the classifier's best guess; rejection never changes them.
 *
 * @param input what the network saw: one sample, e.g. 28 x 28 floats in [0, 1], row by row
 * @param probabilities one per class, summing to 1 (the ensemble's mean for several models)
 * @param verdict the gate's judgement; {@link Verdict#UNJUDGED} when the recognizer has no gate
 */
public record Recognition(float[] input, float[] probabilities, Verdict verdict) {

  /** An answer that no gate judged. */
  public Recognition(float[] input, float[] probabilities) {
    this(input, probabilities, Verdict.UNJUDGED);
  }

  /** Whether the image was reported as not a digit; see {@link #verdict()} for why. */
  public boolean rejected() {
    return verdict.rejected();
  }

  /**
   * One candidate answer.
   *
   * @param digit the class, 0 to 9 for digits
   * @param probability how likely the models find it, in [0, 1]
   */
  public record Guess(int digit, float probability) {}

  /** The most probable class; the lowest one on a tie. */
  public int digit() {
    int best = 0;
    for (int k = 1; k < probabilities.length; k++) {
      if (probabilities[k] > probabilities[best]) {
        best = k;
      }
    }
    return best;
  }

  /** The most probable class's probability. */
  public float probability() {
    return probabilities[digit()];
  }

  /** The {@code k} most probable classes, most probable first (all of them if there are fewer). */
  public List<Guess> top(int k) {
    List<Guess> all = new ArrayList<>();
    for (int c = 0; c < probabilities.length; c++) {
      all.add(new Guess(c, probabilities[c]));
    }
    // Stable: equal probabilities keep the lower class first.
    all.sort(Comparator.comparingDouble((Guess g) -> -g.probability()));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Recognition r
        && Arrays.equals(input, r.input)
        && Arrays.equals(probabilities, r.probabilities)
        && verdict.equals(r.verdict);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(input) + Arrays.hashCode(probabilities)) + verdict.hashCode();
  }

  @Override
  public String toString() {
    String answer = digit() + " (" + probability() + "), " + top(3);
    return "Recognition[" + (rejected() ? verdict.reason() + "; best guess " : "") + answer + "]";
  }
}
