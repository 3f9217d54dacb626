package dev.handwritten.optim;

import dev.handwritten.layers.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, in PyTorch's form. At step {@code t = 1, 2,
 * ...}:
 *
 * <pre>
 *   m = beta1 * m + (1 - beta1) * grad
 *   v = beta2 * v + (1 - beta2) * grad^2
 *   w = w - learningRate * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 *
 * <p>Defaults: PyTorch uses {@code lr=1e-3, beta1=0.9, beta2=0.999, epsilon=1e-8}; Keras the same
 * except {@code epsilon=1e-7}, and Keras adds epsilon to {@code sqrt(v)} before the {@code beta2}
 * correction, which only matters while {@code v} is tiny. {@link Config#DEFAULT} is PyTorch's. With
 * a {@link Config#weightDecay()} it is AdamW: {@code w = w - learningRate * weightDecay * w} before
 * the update above.
 */
public final class Adam implements Optimizer {
  /**
   * Adam's settings.
   *
   * @param learningRate step size, positive
   * @param beta1 decay of the first moment, in {@code [0, 1)}
   * @param beta2 decay of the second moment, in {@code [0, 1)}
   * @param epsilon keeps the division finite, positive
   * @param weightDecay decoupled weight decay (AdamW, Loshchilov and Hutter): each step first
   *     shrinks every weight by {@code learningRate * weightDecay * w}, outside the adaptive
   *     scaling; 0 for plain Adam
   */
  public record Config(
      double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
    /** PyTorch's defaults: {@code lr=1e-3, betas=(0.9, 0.999), eps=1e-8}, no weight decay. */
    public static final Config DEFAULT = new Config(1e-3, 0.9, 0.999, 1e-8);

    /**
     * Plain Adam, without weight decay.
     *
     * @param learningRate step size, positive
     * @param beta1 decay of the first moment, in {@code [0, 1)}
     * @param beta2 decay of the second moment, in {@code [0, 1)}
     * @param epsilon keeps the division finite, positive
     * @throws IllegalArgumentException if a setting is out of range
     */
    public Config(double learningRate, double beta1, double beta2, double epsilon) {
      this(learningRate, beta1, beta2, epsilon, 0);
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException if a setting is out of range
     */
    public Config {
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException(
            "Adam: expected a positive finite learning rate, got " + learningRate);
      }
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException(
            "Adam: expected beta1 and beta2 in [0, 1), got " + beta1 + " and " + beta2);
      }
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("Adam: expected epsilon > 0, got " + epsilon);
      }
      if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
        throw new IllegalArgumentException(
            "Adam: expected a finite weight decay >= 0, got " + weightDecay);
      }
    }

    /**
     * {@return these settings with another learning rate}
     *
     * @param lr the new learning rate, positive
     */
    public Config withLearningRate(double lr) {
      return new Config(lr, beta1, beta2, epsilon, weightDecay);
    }

    /**
     * {@return these settings with decoupled weight decay (AdamW)}
     *
     * @param decay the weight decay, at least 0
     */
    public Config withWeightDecay(double decay) {
      return new Config(learningRate, beta1, beta2, epsilon, decay);
    }
  }

  private final List<Parameter> parameters;
  private final float[][] firstMoment;
  private final float[][] secondMoment;
  private final Config config;
  private double learningRate;
  private long steps;

  /**
   * An optimizer for the given parameters; it keeps two moments per value.
   *
   * @param parameters what it updates, usually {@code model.parameters()}
   * @param config its settings
   */
  public Adam(List<Parameter> parameters, Config config) {
    this.parameters = List.copyOf(parameters);
    this.config = config;
    this.learningRate = config.learningRate();
    this.firstMoment = new float[this.parameters.size()][];
    this.secondMoment = new float[this.parameters.size()][];
    for (int i = 0; i < firstMoment.length; i++) {
      firstMoment[i] = new float[this.parameters.get(i).shape().size()];
      secondMoment[i] = new float[this.parameters.get(i).shape().size()];
    }
  }

  /**
   * Adam with PyTorch's defaults and the given learning rate.
   *
   * @param parameters what it updates, usually {@code model.parameters()}
   * @param learningRate step size, positive
   * @throws IllegalArgumentException if the learning rate is not positive
   */
  public Adam(List<Parameter> parameters, double learningRate) {
    this(parameters, Config.DEFAULT.withLearningRate(learningRate));
  }

  @Override
  public void step() {
    steps++;
    float beta1 = (float) config.beta1();
    float beta2 = (float) config.beta2();
    // Both corrections folded into one step size and one epsilon, computed in double once per step.
    double correction1 = 1 - Math.pow(config.beta1(), steps);
    double correction2 = 1 - Math.pow(config.beta2(), steps);
    float stepSize = (float) (learningRate / correction1);
    float sqrtCorrection2 = (float) Math.sqrt(correction2);
    float epsilon = (float) config.epsilon();
    float keep = (float) (1 - learningRate * config.weightDecay());
    for (int i = 0; i < firstMoment.length; i++) {
      float[] w = parameters.get(i).value().data();
      float[] g = parameters.get(i).grad().data();
      float[] m = firstMoment[i];
      float[] v = secondMoment[i];
      for (int j = 0; j < w.length; j++) {
        w[j] *= keep;
        m[j] = beta1 * m[j] + (1 - beta1) * g[j];
        v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
        w[j] -= stepSize * m[j] / ((float) Math.sqrt(v[j]) / sqrtCorrection2 + epsilon);
      }
    }
  }

  /** {@return the number of steps taken so far} */
  public long steps() {
    return steps;
  }

  /**
   * Everything Adam carries from one step to the next: what a checkpoint saves so that training can
   * stop and continue with bit-identical results. The learning rate is not part of it: a schedule
   * sets it before every step.
   *
   * @param steps the steps taken, which set the bias corrections
   * @param firstMoments per parameter, in the order Adam was given them: {@code m}, one value per
   *     weight
   * @param secondMoments per parameter: {@code v}, one value per weight
   */
  public record State(long steps, List<float[]> firstMoments, List<float[]> secondMoments) {
    /**
     * Checks and copies the lists (not the arrays).
     *
     * @throws IllegalArgumentException if steps is negative or the two lists differ in length
     */
    public State {
      if (steps < 0 || firstMoments.size() != secondMoments.size()) {
        throw new IllegalArgumentException(
            "Adam.State: expected steps >= 0 and as many first as second moments, got "
                + steps
                + ", "
                + firstMoments.size()
                + " and "
                + secondMoments.size());
      }
      firstMoments = List.copyOf(firstMoments);
      secondMoments = List.copyOf(secondMoments);
    }
  }

  /**
   * A copy of the step count and moments, for a checkpoint.
   *
   * @return a state that {@link #restore} takes back
   */
  public State state() {
    List<float[]> m = new ArrayList<>();
    List<float[]> v = new ArrayList<>();
    for (int i = 0; i < firstMoment.length; i++) {
      m.add(firstMoment[i].clone());
      v.add(secondMoment[i].clone());
    }
    return new State(steps, m, v);
  }

  /**
   * Continues from {@code state}, as saved by {@link #state()} from an Adam over parameters of the
   * same shapes: the next {@link #step()} computes exactly what it would have computed there.
   *
   * @param state what {@link #state()} returned
   * @throws IllegalArgumentException naming the first moment whose size differs from its
   *     parameter's, or the parameter count
   */
  public void restore(State state) {
    if (state.firstMoments().size() != parameters.size()) {
      throw new IllegalArgumentException(
          "Adam.restore: expected moments for "
              + parameters.size()
              + " parameters, got "
              + state.firstMoments().size());
    }
    for (int i = 0; i < parameters.size(); i++) {
      int size = firstMoment[i].length;
      if (state.firstMoments().get(i).length != size
          || state.secondMoments().get(i).length != size) {
        throw new IllegalArgumentException(
            "Adam.restore: expected "
                + size
                + " moments for parameter "
                + i
                + " ("
                + parameters.get(i).name()
                + "), got "
                + state.firstMoments().get(i).length
                + " and "
                + state.secondMoments().get(i).length);
      }
    }
    for (int i = 0; i < parameters.size(); i++) {
      System.arraycopy(state.firstMoments().get(i), 0, firstMoment[i], 0, firstMoment[i].length);
      System.arraycopy(state.secondMoments().get(i), 0, secondMoment[i], 0, secondMoment[i].length);
    }
    steps = state.steps();
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  @Override
  public void setLearningRate(double learningRate) {
    this.config.withLearningRate(learningRate); // validates
    this.learningRate = learningRate;
  }

  @Override
  public String toString() {
    return "Adam" + config;
  }
}
