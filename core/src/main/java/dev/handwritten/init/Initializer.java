package dev.handwritten.init;

import java.util.SplittableRandom;

/**
 * Seeded weight initialization. The scale depends on the layer's fan-in (inputs per output) and
 * fan-out (outputs per input), so that activations and gradients keep their variance from layer to
 * layer:
 *
 * <ul>
 *   <li>Glorot (Xavier): variance {@code 2 / (fanIn + fanOut)}; Keras's default for Dense and
 *       Conv2D; suits tanh, sigmoid and softmax outputs.
 *   <li>He (Kaiming): variance {@code 2 / fanIn}; compensates for ReLU zeroing half its inputs.
 * </ul>
 *
 * Uniform variants draw from {@code [-limit, limit]} with {@code limit = sqrt(3 * variance)};
 * normal variants from a normal distribution with that variance. The same seed gives bit-identical
 * weights.
 */
public enum Initializer {
  /** Glorot (Xavier), uniform: variance {@code 2 / (fanIn + fanOut)}; Keras's default. */
  GLOROT_UNIFORM,
  /** Glorot (Xavier), normal: variance {@code 2 / (fanIn + fanOut)}. */
  GLOROT_NORMAL,
  /** He (Kaiming), uniform: variance {@code 2 / fanIn}, for layers followed by ReLU. */
  HE_UNIFORM,
  /** He (Kaiming), normal: variance {@code 2 / fanIn}. */
  HE_NORMAL;

  /**
   * Fills {@code weights} with values drawn from a generator seeded by {@code seed}.
   *
   * @param weights the array to fill, every element overwritten
   * @param fanIn inputs that each output sums over, for example {@code C*K*K} for a convolution
   * @param fanOut outputs each input feeds, for example {@code OC*K*K} for a convolution
   * @param seed seeds the generator: the same seed gives the same weights
   */
  public void fill(float[] weights, int fanIn, int fanOut, long seed) {
    double variance =
        switch (this) {
          case GLOROT_UNIFORM, GLOROT_NORMAL -> 2.0 / (fanIn + fanOut);
          case HE_UNIFORM, HE_NORMAL -> 2.0 / fanIn;
        };
    SplittableRandom random = new SplittableRandom(seed);
    boolean uniform = this == GLOROT_UNIFORM || this == HE_UNIFORM;
    double limit = Math.sqrt(3 * variance);
    double std = Math.sqrt(variance);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) (uniform ? random.nextDouble(-limit, limit) : std * gaussian(random));
    }
  }

  /** A standard normal sample by Box-Muller, so the sequence depends on nothing but the seed. */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble(); // in (0, 1], keeps log finite
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
