package dev.handwritten.layers;

import dev.handwritten.init.Initializer;
import dev.handwritten.kernels.Gemm;
import dev.handwritten.kernels.Mat;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/**
 * Fully connected layer, {@code y = x * weight^T + bias}, with the weight stored {@code [out, in]}
 * as in PyTorch:
 *
 * <pre>
 *   y        = x * weight^T + bias   [N, out]
 *   dWeight += dy^T * x              [out, in]
 *   dBias   += sum of dy over N      [out]
 *   dx       = dy * weight           [N, in]
 * </pre>
 */
public final class Dense implements Layer {
  private final int inFeatures;
  private final int outFeatures;
  private final Parameter weight; // [out, in]
  private final Parameter bias; // [out]

  private Tensor input; // [N, in]
  private Tensor output; // [N, out]
  private Tensor inputGradient; // [N, in]

  /**
   * A dense layer, its weights drawn by {@code init}.
   *
   * @param inFeatures the input features, {@code in}
   * @param outFeatures the output features, {@code out}
   * @param init how to draw the weights (fan-in {@code in}, fan-out {@code out}); biases start at 0
   * @param seed seeds the weights
   * @throws IllegalArgumentException if a size is below 1
   */
  public Dense(int inFeatures, int outFeatures, Initializer init, long seed) {
    Checks.requirePositive("Dense", "inFeatures", inFeatures);
    Checks.requirePositive("Dense", "outFeatures", outFeatures);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter("weight", Shape.of(outFeatures, inFeatures));
    this.bias = new Parameter("bias", Shape.of(outFeatures));
    init.fill(weight.value().data(), inFeatures, outFeatures, seed);
  }

  /**
   * A dense layer with Glorot-uniform weights (Keras's default).
   *
   * @param inFeatures the input features
   * @param outFeatures the output features
   * @param seed seeds the weights
   * @throws IllegalArgumentException if a size is below 1
   */
  public Dense(int inFeatures, int outFeatures, long seed) {
    this(inFeatures, outFeatures, Initializer.GLOROT_UNIFORM, seed);
  }

  /** {@return the weight, {@code [out, in]} (PyTorch's layout)} */
  public Parameter weight() {
    return weight;
  }

  /** {@return the bias, {@code [out]}} */
  public Parameter bias() {
    return bias;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public Shape outputShape(Shape in) {
    if (in.rank() != 2 || in.dim(1) != inFeatures) {
      throw new IllegalArgumentException(
          this
              + ": expected input [N, "
              + inFeatures
              + "], got "
              + in
              + (in.rank() > 2 ? "; add a Flatten before it" : ""));
    }
    return Shape.of(in.dim(0), outFeatures);
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    Shape outShape = Checks.outputShape(this, input, output, x.shape());
    output = Checks.reuse(output, outShape);
    input = x;
    int batch = outShape.dim(0);
    float[] y = output.data();
    Mat w = Mat.of(weight.value().data(), outFeatures, inFeatures);
    Gemm.multiply(Mat.of(x.data(), batch, inFeatures), w.t(), Mat.of(y, batch, outFeatures));
    float[] b = bias.value().data();
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < outFeatures; o++) {
        y[n * outFeatures + o] += b[o];
      }
    }
    return output;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Checks.requireGradientFor(this, output, dy);
    int batch = dy.shape().dim(0);
    float[] g = dy.data();
    Mat gradient = Mat.of(g, batch, outFeatures);
    Mat x = Mat.of(input.data(), batch, inFeatures);
    Gemm.multiplyAdd(gradient.t(), x, Mat.of(weight.grad().data(), outFeatures, inFeatures));
    float[] dBias = bias.grad().data();
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < outFeatures; o++) {
        dBias[o] += g[n * outFeatures + o];
      }
    }
    inputGradient = Checks.reuse(inputGradient, input.shape());
    Mat w = Mat.of(weight.value().data(), outFeatures, inFeatures);
    Gemm.multiply(gradient, w, Mat.of(inputGradient.data(), batch, inFeatures));
    return inputGradient;
  }

  /** For example {@code Dense(1600->10)}. */
  @Override
  public String toString() {
    return "Dense(" + inFeatures + "->" + outFeatures + ")";
  }
}
