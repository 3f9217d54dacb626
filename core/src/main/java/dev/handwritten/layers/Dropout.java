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
    float[] in = x.data();
    float[] y = output.data();
    for (int i = 0; i < in.length; i++) {
      mask[i] = uniform(stream, i) < p ? 0f : scale;
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

  /** A uniform number in [0, 1) for element {@code index} of a stream: 24 bits of a hash. */
  private static float uniform(long stream, int index) {
    return (mix(stream + index * 0x9E3779B97F4A7C15L) >>> 40) * 0x1.0p-24f;
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
