package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;

/**
 * Fixed standardization of the input, {@code y = (x - mean) / std}; {@code dx = dy / std}. No
 * trainable parameters: the constants are properties of the data set (for MNIST's pixels in [0, 1],
 * mean 0.1307 and standard deviation 0.3081), and as a layer they travel with the model, so a saved
 * model standardizes its input exactly as it was trained to. Centred inputs let the first updates
 * of the first layer move its weights in any direction, which speeds up early training.
 */
public final class Normalize implements Layer {
  private final float mean;
  private final float std;
  private Tensor output;
  private Tensor inputGradient;

  /**
   * A fixed standardization, stored in float32 as the layer computes.
   *
   * @param mean subtracted from every input value
   * @param std what the difference is divided by, positive
   * @throws IllegalArgumentException if {@code mean} is not finite or {@code std} not positive
   */
  public Normalize(double mean, double std) {
    if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
      throw new IllegalArgumentException(
          "Normalize: expected a finite mean and a positive std, got " + mean + " and " + std);
    }
    this.mean = (float) mean;
    this.std = (float) std;
  }

  /** {@return the mean subtracted, as the float the layer uses} */
  public double mean() {
    return mean;
  }

  /** {@return the standard deviation divided by, as the float the layer uses} */
  public double std() {
    return std;
  }

  @Override
  public Shape outputShape(Shape in) {
    return in;
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    output = Checks.reuse(output, x.shape());
    float[] in = x.data();
    float[] y = output.data();
    float scale = 1f / std;
    for (int i = 0; i < in.length; i++) {
      y[i] = (in[i] - mean) * scale;
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    inputGradient = Checks.reuse(inputGradient, dy.shape());
    float[] g = dy.data();
    float[] dx = inputGradient.data();
    float scale = 1f / std;
    for (int i = 0; i < g.length; i++) {
      dx[i] = g[i] * scale;
    }
    return inputGradient;
  }

  /** For example {@code Normalize(mean=0.1307, std=0.3081)}. */
  @Override
  public String toString() {
    return "Normalize(mean=" + mean + ", std=" + std + ")";
  }
}
