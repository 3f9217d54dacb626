package dev.handwritten.mnist.page;

/**
 * A rectangle in a picture, in pixels of the picture as it is shown (its EXIF orientation applied),
 * at its full resolution.
 *
 * @param x the left edge, 0 at the picture's left
 * @param y the top edge, 0 at the picture's top
 * @param width at least 1
 * @param height at least 1
 */
public record Box(int x, int y, int width, int height) {
  public Box {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "Box: expected a width and height of at least 1, got " + width + " x " + height);
    }
  }

  /** One past the right edge. */
  public int right() {
    return x + width;
  }

  /** One past the bottom edge. */
  public int bottom() {
    return y + height;
  }

  /** The smallest box holding both. */
  public Box union(Box other) {
    int left = Math.min(x, other.x);
    int top = Math.min(y, other.y);
    return new Box(
        left,
        top,
        Math.max(right(), other.right()) - left,
        Math.max(bottom(), other.bottom()) - top);
  }

  /** The area both boxes cover, in pixels; 0 if they do not overlap. */
  public long overlap(Box other) {
    long w = Math.min(right(), other.right()) - Math.max(x, other.x);
    long h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
    return w > 0 && h > 0 ? w * h : 0;
  }

  /** This box with every coordinate multiplied by {@code factor}, rounded outwards. */
  public Box scaled(double factor) {
    int left = (int) Math.floor(x * factor);
    int top = (int) Math.floor(y * factor);
    return new Box(
        left,
        top,
        Math.max(1, (int) Math.ceil(right() * factor) - left),
        Math.max(1, (int) Math.ceil(bottom() * factor) - top));
  }
}
