package dev.handwritten.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: one contiguous {@code float[]} in row-major order and an immutable {@link
 * Shape}. The array is exposed on purpose: kernels work on it directly, without copies.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3); // [[1, 2, 3], [4, 5, 6]]
 * x.get(1, 2);                                               // 6
 * Tensor flat = x.reshape(6);                                // shares x's data
 * }</pre>
 */
public final class Tensor {
  private final float[] data;
  private final Shape shape;

  private Tensor(float[] data, Shape shape) {
    this.data = data;
    this.shape = shape;
  }

  /** A tensor of zeros. */
  public static Tensor zeros(Shape shape) {
    return new Tensor(new float[shape.size()], shape);
  }

  /** A tensor of zeros with the given dimensions. */
  public static Tensor zeros(int... dims) {
    return zeros(Shape.of(dims));
  }

  /**
   * Wraps {@code data} (no copy) as a tensor of the given shape.
   *
   * @throws IllegalArgumentException if the array length is not the shape's size
   */
  public static Tensor of(float[] data, Shape shape) {
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(
          "Tensor: expected "
              + shape.size()
              + " values for shape "
              + shape
              + ", got "
              + data.length);
    }
    return new Tensor(data, shape);
  }

  /** Wraps {@code data} (no copy) as a tensor with the given dimensions. */
  public static Tensor of(float[] data, int... dims) {
    return of(data, Shape.of(dims));
  }

  /** The backing array, row-major. Writes to it are writes to the tensor. */
  public float[] data() {
    return data;
  }

  public Shape shape() {
    return shape;
  }

  /** The number of elements. */
  public int size() {
    return data.length;
  }

  /** A tensor with the same data and a new shape of the same size (a view, not a copy). */
  public Tensor reshape(Shape newShape) {
    if (newShape.size() != data.length) {
      throw new IllegalArgumentException(
          "Tensor.reshape: expected a shape of " + data.length + " elements, got " + newShape);
    }
    return new Tensor(data, newShape);
  }

  /** A view with new dimensions; see {@link #reshape(Shape)}. */
  public Tensor reshape(int... dims) {
    return reshape(Shape.of(dims));
  }

  /** A deep copy. */
  public Tensor copy() {
    return new Tensor(data.clone(), shape);
  }

  /** The element at the given indices, one per dimension. */
  public float get(int... indices) {
    return data[offset(indices)];
  }

  /** Sets the element at the given indices, one per dimension. */
  public void set(float value, int... indices) {
    data[offset(indices)] = value;
  }

  /** Sets every element to zero. */
  public void fillZero() {
    Arrays.fill(data, 0f);
  }

  /** The row-major offset of an element. */
  public int offset(int... indices) {
    if (indices.length != shape.rank()) {
      throw new IllegalArgumentException(
          "Tensor: expected "
              + shape.rank()
              + " indices for shape "
              + shape
              + ", got "
              + indices.length);
    }
    int offset = 0;
    for (int i = 0; i < indices.length; i++) {
      int d = shape.dim(i);
      if (indices[i] < 0 || indices[i] >= d) {
        throw new IndexOutOfBoundsException(
            "Tensor: index " + Arrays.toString(indices) + " is outside shape " + shape);
      }
      offset = offset * d + indices[i];
    }
    return offset;
  }

  /** The index (one per dimension) of a row-major offset; the inverse of {@link #offset}. */
  public int[] indexOf(int offset) {
    int[] index = new int[shape.rank()];
    for (int i = shape.rank() - 1; i >= 0; i--) {
      index[i] = offset % shape.dim(i);
      offset /= shape.dim(i);
    }
    return index;
  }

  /**
   * Checks that every element is finite.
   *
   * @param who the name to start the message with, for example the layer
   * @throws NonFiniteException (an {@code IllegalArgumentException}) naming the first NaN or
   *     infinite element and its index
   */
  public void requireFinite(String who) {
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new NonFiniteException(
            who
                + ": expected finite values, got "
                + data[i]
                + " at index "
                + Arrays.toString(indexOf(i))
                + " of "
                + shape
                + "; check the input data, or lower the learning rate if training diverged");
      }
    }
  }

  /** The shape and, for small tensors, the values. */
  @Override
  public String toString() {
    return "Tensor" + shape + (data.length <= 16 ? " " + Arrays.toString(data) : "");
  }
}
