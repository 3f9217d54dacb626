package dev.handwritten.tensor;

import java.util.Arrays;

/**
 * The immutable dimensions of a {@link Tensor}, outermost first. Images are {@code [N, C, H, W]}:
 * batch, channels, height, width.
 *
 * <pre>{@code
 * Shape images = Shape.of(64, 1, 28, 28);
 * images.size();   // 50176
 * images.dim(-1);  // 28 (negative indices count from the end)
 * }</pre>
 */
public final class Shape {
  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /**
   * A shape of the given dimensions, for example {@code Shape.of(64, 1, 28, 28)}.
   *
   * @param dims every dimension, each at least 1
   * @return the shape
   * @throws IllegalArgumentException if there are no dimensions or one is below 1
   */
  public static Shape of(int... dims) {
    if (dims.length == 0) {
      throw new IllegalArgumentException("Shape: expected at least one dimension, got none");
    }
    long size = 1;
    for (int d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "Shape: expected every dimension >= 1, got " + Arrays.toString(dims));
      }
      size *= d;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Shape: expected at most 2^31-1 elements, got " + Arrays.toString(dims));
      }
    }
    return new Shape(dims.clone());
  }

  /** {@return the number of dimensions} */
  public int rank() {
    return dims.length;
  }

  /**
   * {@return dimension {@code i}}
   *
   * @param i the index; a negative {@code i} counts from the end ({@code -1} is the last)
   */
  public int dim(int i) {
    return dims[i < 0 ? dims.length + i : i];
  }

  /** {@return a copy of the dimensions} */
  public int[] dims() {
    return dims.clone();
  }

  /** {@return the number of elements: the product of the dimensions} */
  public int size() {
    int size = 1;
    for (int d : dims) {
      size *= d;
    }
    return size;
  }

  /**
   * {@return this shape with one dimension replaced}, for example the first, to change the batch
   * size.
   *
   * @param i the index; a negative {@code i} counts from the end
   * @param value the new dimension, at least 1
   */
  public Shape withDim(int i, int value) {
    int[] copy = dims.clone();
    copy[i < 0 ? dims.length + i : i] = value;
    return of(copy);
  }

  /**
   * {@return the shape of one sample: every dimension but the first}
   *
   * @throws IllegalStateException if this shape has rank 1
   */
  public Shape sample() {
    if (dims.length < 2) {
      throw new IllegalStateException("Shape: expected rank >= 2 to drop the batch, got " + this);
    }
    return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
  }

  /**
   * {@return a batch of samples of this shape: {@code [batch, ...this]}}
   *
   * @param batch the number of samples, at least 1
   */
  public Shape batched(int batch) {
    int[] withBatch = new int[dims.length + 1];
    withBatch[0] = batch;
    System.arraycopy(dims, 0, withBatch, 1, dims.length);
    return of(withBatch);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Shape shape && Arrays.equals(dims, shape.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** For example {@code [64, 1, 28, 28]}. */
  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
