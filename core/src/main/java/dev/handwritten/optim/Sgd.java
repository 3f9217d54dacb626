package dev.handwritten.optim;

import dev.handwritten.layers.Parameter;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, in PyTorch's form:
 *
 * <pre>
 *   v = momentum * v + grad      (v starts at 0; without momentum v = grad)
 *   w = w - learningRate * v
 * </pre>
 *
 * Keras's SGD writes the same update as {@code v = momentum * v - lr * grad; w = w + v}, which is
 * identical while the learning rate is constant.
 */
public final class Sgd implements Optimizer {
  private final List<Parameter> parameters;
  private final float[][] velocity;
  private final double momentum;
  private double learningRate;

  /**
   * SGD for the given parameters, keeping one velocity per value when it has momentum.
   *
   * @param parameters what it updates, usually {@code model.parameters()}
   * @param learningRate step size, positive
   * @param momentum in {@code [0, 1)}; 0 for plain SGD
   * @throws IllegalArgumentException if a setting is out of range
   */
  public Sgd(List<Parameter> parameters, double learningRate, double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("Sgd: expected momentum in [0, 1), got " + momentum);
    }
    setLearningRate(learningRate);
    this.parameters = List.copyOf(parameters);
    this.momentum = momentum;
    this.velocity = new float[this.parameters.size()][];
    for (int i = 0; i < velocity.length; i++) {
      velocity[i] = new float[this.parameters.get(i).shape().size()];
    }
  }

  @Override
  public void step() {
    float lr = (float) learningRate;
    float mu = (float) momentum;
    for (int i = 0; i < velocity.length; i++) {
      float[] w = parameters.get(i).value().data();
      float[] g = parameters.get(i).grad().data();
      float[] v = velocity[i];
      for (int j = 0; j < w.length; j++) {
        v[j] = mu * v[j] + g[j];
        w[j] -= lr * v[j];
      }
    }
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public void setLearningRate(double learningRate) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "Sgd: expected a positive finite learning rate, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  @Override
  public String toString() {
    return "Sgd(lr=" + learningRate + ", momentum=" + momentum + ")";
  }
}
