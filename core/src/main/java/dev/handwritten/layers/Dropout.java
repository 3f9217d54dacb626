package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code p} and the survivors
 * are scaled by {@code 1 / (1 - p)}, so the expected output equals the input and evaluation needs
 * no rescaling. In evaluation it is the identity.
 *
 * <p>The mask is a pure function of (seed, {@link Mode#step()}, element index), computed by a
 * counter-based hash rather than a stateful generator: the same step gives the same mask, which is
 * what makes training repeatable and the layer gradient-checkable, and any thread can compute any
 * part of the mask without coordination.
 */
public final class Dropout implements Layer {
  private final float p;
  private final long seed;

  private Tensor output; // the last forward's output: the input itself in evaluation
  private Tensor trainingOutput; // this layer's own buffer, used in training
  private Tensor inputGradient;
  private float[] mask; // 0 or 1/(1-p) per element of the last training forward
  private boolean lastWasTraining;

  /**
   * A dropout layer; its masks depend only on the seed, the step and the element.
   *
   * @param p the probability of dropping an element, in {@code [0, 1)}
   * @param seed seeds the masks
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)}
   */
  public Dropout(double p, long seed) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("Dropout: expected p in [0, 1), got " + p);
    }
    this.p = (float) p;
    this.seed = seed;
  }

  /** {@return the probability of dropping an element} */
  public double p() {
    return p;
  }

  @Override
  public Shape outputShape(Shape in) {
    return in;
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    lastWasTraining = mode.training();
    if (!mode.training()) {
      output = x;
      return x;
    }
    trainingOutput = Checks.reuse(trainingOutput, x.shape());
    output = trainingOutput;
    if (mask == null || mask.length != x.size()) {
      mask = new float[x.size()];
    }
    float scale = 1f / (1f - p);
    long stream = mix(seed ^ mix(mode.step() + 0x632BE59BD9B4E019L));
    // An element is kept when its uniform number bits / 2^24 is at least p: bits >= keepFrom.
    long keepFrom = (long) Math.ceil(p * 0x1.0p24);
    float[] in = x.data();
    float[] y = output.data();
    for (int i = 0; i < in.length; i++) {
      // 1 if kept, 0 if dropped, by the sign of keepFrom - 1 - bits rather than by a branch: the
      // outcome is a coin flip that a branch predictor gets wrong half the time (measured: this
      // loop ran at 12 ns per element with the branch).
      long kept = (keepFrom - 1 - uniformBits(stream, i)) >>> 63;
      mask[i] = kept * scale;
      y[i] = in[i] * mask[i];
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    if (!lastWasTraining) {
      return dy;
    }
    inputGradient = Checks.reuse(inputGradient, dy.shape());
    float[] g = dy.data();
    float[] dx = inputGradient.data();
    for (int i = 0; i < g.length; i++) {
      dx[i] = g[i] * mask[i];
    }
    return inputGradient;
  }

  /**
   * 24 uniform bits for element {@code index} of a stream, the top bits of a hash; divided by 2^24,
   * a uniform number in [0, 1).
   */
  private static long uniformBits(long stream, int index) {
    return mix(stream + index * 0x9E3779B97F4A7C15L) >>> 40;
  }

  /** SplitMix64's finalizer: a bijective hash with good avalanche. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** For example {@code Dropout(p=0.5)}. */
  @Override
  public String toString() {
    return "Dropout(p=" + p + ")";
  }
}
