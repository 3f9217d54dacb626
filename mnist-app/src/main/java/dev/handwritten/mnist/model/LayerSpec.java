package dev.handwritten.mnist.model;

import dev.handwritten.init.Initializer;
import dev.handwritten.layers.BatchNorm1d;
import dev.handwritten.layers.BatchNorm2d;
import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Dropout;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.Layer;
import dev.handwritten.layers.MaxPool2d;
import dev.handwritten.layers.Normalize;
import dev.handwritten.layers.Relu;

/**
 * The description of one layer: enough to rebuild it, and what a model file stores as the
 * architecture. Each kind has a one-byte tag in the file; tags are never reused.
 */
public sealed interface LayerSpec {
  /** The file tag of this kind of layer. */
  int tag();

  /** A new layer of this description, its weights drawn with {@code seed}. */
  Layer build(long seed);

  /**
   * The float values a model file stores for this layer, its parameters and state, computed from
   * the description alone: a loader checks them against the bytes left in the file before it builds
   * anything. {@link Long#MAX_VALUE} when the product overflows.
   */
  default long storedValues() {
    return 0;
  }

  /**
   * The product of {@code factors}, 0 if one is not positive, {@link Long#MAX_VALUE} on overflow.
   */
  private static long product(int... factors) {
    long product = 1;
    for (int factor : factors) {
      if (factor <= 0) {
        return 0;
      }
      if (product > Long.MAX_VALUE / factor) {
        return Long.MAX_VALUE;
      }
      product *= factor;
    }
    return product;
  }

  /** Conv2d with Glorot-uniform weights and zero biases. */
  record Conv(int inChannels, int outChannels, int kernelSize, int stride, int padding)
      implements LayerSpec {
    @Override
    public int tag() {
      return 1;
    }

    @Override
    public long storedValues() {
      long weights = product(outChannels, inChannels, kernelSize, kernelSize);
      return weights == Long.MAX_VALUE ? weights : weights + Math.max(outChannels, 0);
    }

    @Override
    public Layer build(long seed) {
      return new Conv2d(
          inChannels, outChannels, kernelSize, stride, padding, Initializer.GLOROT_UNIFORM, seed);
    }
  }

  /** MaxPool2d. */
  record MaxPool(int kernelSize, int stride) implements LayerSpec {
    @Override
    public int tag() {
      return 2;
    }

    @Override
    public Layer build(long seed) {
      return new MaxPool2d(kernelSize, stride);
    }
  }

  /** Relu. */
  record ReluSpec() implements LayerSpec {
    @Override
    public int tag() {
      return 3;
    }

    @Override
    public Layer build(long seed) {
      return new Relu();
    }
  }

  /** Flatten. */
  record FlattenSpec() implements LayerSpec {
    @Override
    public int tag() {
      return 4;
    }

    @Override
    public Layer build(long seed) {
      return new Flatten();
    }
  }

  /** Dropout with probability {@code p}. */
  record DropoutSpec(double p) implements LayerSpec {
    @Override
    public int tag() {
      return 5;
    }

    @Override
    public Layer build(long seed) {
      return new Dropout(p, seed);
    }
  }

  /** Dense with Glorot-uniform weights and zero biases. */
  record DenseSpec(int inFeatures, int outFeatures) implements LayerSpec {
    @Override
    public int tag() {
      return 6;
    }

    @Override
    public long storedValues() {
      long weights = product(outFeatures, inFeatures);
      return weights == Long.MAX_VALUE ? weights : weights + Math.max(outFeatures, 0);
    }

    @Override
    public Layer build(long seed) {
      return new Dense(inFeatures, outFeatures, Initializer.GLOROT_UNIFORM, seed);
    }
  }

  /** Normalize: fixed standardization of the input. */
  record NormalizeSpec(double mean, double std) implements LayerSpec {
    @Override
    public int tag() {
      return 7;
    }

    @Override
    public Layer build(long seed) {
      return new Normalize(mean, std);
    }
  }

  /** BatchNorm2d over {@code channels}, with its momentum and eps. */
  record BatchNorm2dSpec(int channels, double momentum, double eps) implements LayerSpec {
    @Override
    public int tag() {
      return 8;
    }

    /** Gamma and beta, then the running mean and variance. */
    @Override
    public long storedValues() {
      return 4L * Math.max(channels, 0);
    }

    @Override
    public Layer build(long seed) {
      return new BatchNorm2d(channels, momentum, eps);
    }
  }

  /** BatchNorm1d over {@code features}, with its momentum and eps. */
  record BatchNorm1dSpec(int features, double momentum, double eps) implements LayerSpec {
    @Override
    public int tag() {
      return 9;
    }

    /** Gamma and beta, then the running mean and variance. */
    @Override
    public long storedValues() {
      return 4L * Math.max(features, 0);
    }

    @Override
    public Layer build(long seed) {
      return new BatchNorm1d(features, momentum, eps);
    }
  }
}
