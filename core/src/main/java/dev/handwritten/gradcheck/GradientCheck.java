package dev.handwritten.gradcheck;

import dev.handwritten.layers.Layer;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Parameter;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Checks a layer's backward pass against central finite differences, for the input and for every
 * parameter. Use it on your own layers:
 *
 * <pre>{@code
 * GradientCheck.Report report = GradientCheck.check(new MyLayer(), input, Mode.train(0), 7);
 * if (report.worstRelativeError() > GradientCheck.TOLERANCE) throw new AssertionError(report);
 * }</pre>
 *
 * <h2>Method</h2>
 *
 * The layer's outputs are reduced to a scalar probe loss {@code L = sum(y * r)} with a fixed random
 * {@code r} (uniform in [-1, 1], seeded), so {@code dL/dy = r} and every output contributes with a
 * different weight. The analytic gradients come from one {@code backward(r)}. The numerical
 * gradient of each element {@code v} is {@code (L(v + h) - L(v - h)) / (2h)}, with {@code L}
 * accumulated in double and {@code 2h} taken as the difference the float32 perturbations really
 * made.
 *
 * <h2>Error and tolerance</h2>
 *
 * The error of an element is {@code |analytic - numerical| / max(|analytic|, |numerical|, 0.01)}:
 * relative for gradients above 0.01, absolute below (relative error is meaningless for a gradient
 * that should be zero). The default step {@code h = 0.01} and {@link #TOLERANCE} = 0.01 follow from
 * float32: each output carries a rounding error near {@code 6e-8 * |y|}, which the division by
 * {@code 2h} turns into an error near {@code 1e-5} on gradients of order one: far below the
 * tolerance, while a wrong backward (a missing term, a transposed index) gives errors of order one.
 * Layers that are piecewise linear (convolution, dense, ReLU, pooling, dropout) have no truncation
 * error at all, provided no input lies within {@code h} of a kink (ReLU at 0, a max-pool tie):
 * choose inputs accordingly. Dropout needs a repeatable mask: pass the same training {@link Mode}.
 */
public final class GradientCheck {
  /** The worst acceptable error for a correct backward pass in float32; see the class comment. */
  public static final double TOLERANCE = 1e-2;

  /** The default finite-difference step. */
  public static final double STEP = 1e-2;

  private static final double FLOOR = 1e-2;

  private GradientCheck() {}

  /**
   * The worst element of one checked tensor.
   *
   * @param tensor {@code "input"} or the parameter's name
   * @param checked how many elements were compared
   * @param index where the worst error was, one index per dimension
   * @param analytic the gradient backward gave there
   * @param numerical the central-difference gradient there
   * @param relativeError their difference, as {@link GradientCheck#relativeError} measures it
   */
  public record TensorReport(
      String tensor,
      int checked,
      int[] index,
      double analytic,
      double numerical,
      double relativeError) {
    @Override
    public String toString() {
      return String.format(
          "%s: worst error %.2e at %s (analytic %.6g, numerical %.6g, %d checked)",
          tensor, relativeError, Arrays.toString(index), analytic, numerical, checked);
    }
  }

  /**
   * The result for one layer: one entry for the input and one per parameter.
   *
   * @param layer the layer's description
   * @param tensors the input's report first, then one per parameter
   */
  public record Report(String layer, List<TensorReport> tensors) {
    /** {@return the largest error over the input and every parameter} */
    public double worstRelativeError() {
      return tensors.stream().mapToDouble(TensorReport::relativeError).max().orElse(0);
    }

    /** {@return whether every element is within {@link #TOLERANCE}} */
    public boolean passed() {
      return worstRelativeError() <= TOLERANCE;
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder("GradientCheck of " + layer + ":");
      for (TensorReport t : tensors) {
        out.append("\n  ").append(t);
      }
      return out.toString();
    }
  }

  /**
   * Checks the input gradient and every parameter gradient of {@code layer} at {@code input}. The
   * parameters' gradients are zeroed first and hold the analytic gradient of the probe loss
   * afterwards; the parameter values are restored exactly.
   *
   * @param layer the layer to check
   * @param input where to check it, {@code [N, ...]} as the layer takes it; not modified
   * @param mode passed to every forward; a training mode must give a repeatable result
   * @param probeSeed seeds the probe weights {@code r}
   * @return the worst error of the input and of each parameter
   */
  public static Report check(Layer layer, Tensor input, Mode mode, long probeSeed) {
    return check(layer, input, mode, probeSeed, STEP);
  }

  /**
   * As {@link #check(Layer, Tensor, Mode, long)} with another finite-difference step: a smaller one
   * for a whole network, where a kink (ReLU, max-pool) somewhere inside is harder to keep away
   * from.
   *
   * @param layer the layer to check
   * @param input where to check it; not modified
   * @param mode passed to every forward
   * @param probeSeed seeds the probe weights {@code r}
   * @param step the finite-difference step {@code h}
   * @return the worst error of the input and of each parameter
   */
  public static Report check(Layer layer, Tensor input, Mode mode, long probeSeed, double step) {
    Tensor x = input.copy();
    Tensor firstOutput = layer.forward(x, mode);
    float[] probe = new float[firstOutput.size()];
    SplittableRandom random = new SplittableRandom(probeSeed);
    for (int i = 0; i < probe.length; i++) {
      probe[i] = (float) random.nextDouble(-1, 1);
    }
    Tensor r = Tensor.of(probe, firstOutput.shape());
    for (Parameter parameter : layer.parameters()) {
      parameter.zeroGrad();
    }
    float[] inputGradient = layer.backward(r).data().clone();

    List<TensorReport> reports = new ArrayList<>();
    ToDoubleFunction<float[]> probeLoss = unused -> dot(layer.forward(x, mode).data(), probe);
    reports.add(compare("input", x, inputGradient, numerical(probeLoss, x.data(), step)));
    for (Parameter parameter : layer.parameters()) {
      float[] analytic = parameter.grad().data().clone();
      double[] numeric = numerical(probeLoss, parameter.value().data(), step);
      reports.add(compare(parameter.name(), parameter.value(), analytic, numeric));
    }
    return new Report(layer.toString(), List.copyOf(reports));
  }

  /**
   * The central-difference gradient of {@code f} with respect to every element of {@code values},
   * which it perturbs in place and restores exactly. {@code f} is called with {@code values}.
   *
   * @param f the loss, as a function of {@code values}
   * @param values the point, perturbed in place and restored
   * @param step the perturbation {@code h}
   * @return {@code df/dvalues}, one per element
   */
  public static double[] numerical(ToDoubleFunction<float[]> f, float[] values, double step) {
    double[] gradient = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      float original = values[i];
      float plus = (float) (original + step);
      float minus = (float) (original - step);
      values[i] = plus;
      double lossPlus = f.applyAsDouble(values);
      values[i] = minus;
      double lossMinus = f.applyAsDouble(values);
      values[i] = original;
      gradient[i] = (lossPlus - lossMinus) / ((double) plus - minus);
    }
    return gradient;
  }

  /**
   * {@return the error measure of the class comment} Relative above 0.01 in magnitude, absolute
   * below.
   *
   * @param analytic a gradient from backward
   * @param numerical the central-difference gradient of the same element
   */
  public static double relativeError(double analytic, double numerical) {
    double scale = Math.max(FLOOR, Math.max(Math.abs(analytic), Math.abs(numerical)));
    return Math.abs(analytic - numerical) / scale;
  }

  private static TensorReport compare(
      String name, Tensor tensor, float[] analytic, double[] numerical) {
    int worst = 0;
    double worstError = -1;
    for (int i = 0; i < analytic.length; i++) {
      double error = relativeError(analytic[i], numerical[i]);
      if (error > worstError) {
        worstError = error;
        worst = i;
      }
    }
    return new TensorReport(
        name,
        analytic.length,
        tensor.indexOf(worst),
        analytic[worst],
        numerical[worst],
        worstError);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
