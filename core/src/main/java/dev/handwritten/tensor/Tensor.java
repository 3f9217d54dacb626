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

  /**
   * {@return a tensor of zeros}
   *
   * @param shape its shape
   */
  public static Tensor zeros(Shape shape) {
    return new Tensor(new float[shape.size()], shape);
  }

  /**
   * {@return a tensor of zeros with the given dimensions}
   *
   * @param dims every dimension, each at least 1
   */
  public static Tensor zeros(int... dims) {
    return zeros(Shape.of(dims));
  }

  /**
   * Wraps {@code data} (no copy) as a tensor of the given shape.
   *
   * @param data the values, row-major; the tensor shares the array
   * @param shape its shape
   * @return the tensor
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

  /**
   * Wraps {@code data} (no copy) as a tensor with the given dimensions.
   *
   * @param data the values, row-major; the tensor shares the array
   * @param dims every dimension, each at least 1
   * @return the tensor
   * @throws IllegalArgumentException if the array length is not the product of {@code dims}
   */
  public static Tensor of(float[] data, int... dims) {
    return of(data, Shape.of(dims));
  }

  /** {@return the backing array, row-major} Writes to it are writes to the tensor. */
  public float[] data() {
    return data;
  }

  /** {@return the shape} */
  public Shape shape() {
    return shape;
  }

  /** {@return the number of elements} */
  public int size() {
    return data.length;
  }

  /**
   * {@return a tensor with the same data and a new shape of the same size} A view, not a copy.
   *
   * @param newShape a shape of {@link #size()} elements
   * @throws IllegalArgumentException if the sizes differ
   */
  public Tensor reshape(Shape newShape) {
    if (newShape.size() != data.length) {
      throw new IllegalArgumentException(
          "Tensor.reshape: expected a shape of " + data.length + " elements, got " + newShape);
    }
    return new Tensor(data, newShape);
  }

  /**
   * {@return a view with new dimensions}; see {@link #reshape(Shape)}.
   *
   * @param dims dimensions whose product is {@link #size()}
   */
  public Tensor reshape(int... dims) {
    return reshape(Shape.of(dims));
  }

  /** {@return a deep copy} */
  public Tensor copy() {
    return new Tensor(data.clone(), shape);
  }

  /**
   * {@return the element at the given indices}
   *
   * @param indices one per dimension
   * @throws IndexOutOfBoundsException if an index is outside the shape
   */
  public float get(int... indices) {
    return data[offset(indices)];
  }

  /**
   * Sets the element at the given indices.
   *
   * @param value the new value
   * @param indices one per dimension
   * @throws IndexOutOfBoundsException if an index is outside the shape
   */
  public void set(float value, int... indices) {
    data[offset(indices)] = value;
  }

  /** Sets every element to zero. */
  public void fillZero() {
    Arrays.fill(data, 0f);
  }

  /**
   * {@return the row-major offset of an element in {@link #data()}}
   *
   * @param indices one per dimension
   * @throws IndexOutOfBoundsException if an index is outside the shape
   */
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

  /**
   * {@return the index, one per dimension, of a row-major offset} The inverse of {@link #offset}.
   *
   * @param offset a position in {@link #data()}
   */
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
