package dev.handwritten.mnist.data;

/**
 * The content of an IDX image file: {@code count} images of {@code rows x cols} unsigned bytes.
 *
 * <p>{@code pixels} is not copied, and like every record array component it is compared by
 * reference in {@code equals}. Read a pixel as {@code pixels[(i * rows + r) * cols + c] & 0xFF}:
 * Java bytes are signed, IDX pixels are 0..255.
 *
 * @param count the number of images, at least 1
 * @param rows the height of each image
 * @param cols the width of each image
 * @param pixels {@code count * rows * cols} bytes, image after image, each row-major
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
  /**
   * @throws IllegalArgumentException if a dimension is below 1 or the array length does not match
   */
  public IdxImages {
    if (count < 1 || rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          "IdxImages: expected count, rows and cols >= 1, got "
              + count
              + ", "
              + rows
              + ", "
              + cols);
    }
    if (pixels.length != (long) count * rows * cols) {
      throw new IllegalArgumentException(
          "IdxImages: expected "
              + count
              + " x "
              + rows
              + " x "
              + cols
              + " = "
              + (long) count * rows * cols
              + " pixels, got "
              + pixels.length);
    }
  }

  @Override
  public String toString() {
    return "IdxImages[" + count + " images, " + rows + "x" + cols + "]";
  }
}
