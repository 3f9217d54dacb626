package dev.handwritten.mnist.page;

import java.awt.image.BufferedImage;

/**
 * A one-channel image of floats, row by row, that the page-reading stages pass along: lightness in
 * [0, 1] (0 black, 1 white) at first, ink strength once the lighting is flattened.
 *
 * @param values {@code [height, width]}, row-major
 * @param width columns
 * @param height rows
 */
public record GrayImage(float[] values, int width, int height) {
  public GrayImage {
    if (values.length != (long) width * height) {
      throw new IllegalArgumentException(
          "GrayImage: expected " + width + " x " + height + " values, got " + values.length);
    }
  }

  /** A black image. */
  public static GrayImage zeros(int width, int height) {
    return new GrayImage(new float[width * height], width, height);
  }

  public float get(int x, int y) {
    return values[y * width + x];
  }

  /**
   * The lightness of an RGB picture, shrunk by averaging whole blocks of pixels (2 x 2, 3 x 3, ...)
   * so that it has at most {@code maxPixels} pixels; never enlarged. One pass over the picture,
   * without a full-size copy: a 12-megapixel photo is read straight into 3 megapixels. Lightness is
   * Rec. 601 luma: blue and red ink stay dark, while the light blue lines of printed paper come out
   * faint.
   */
  public static GrayImage lightness(BufferedImage rgb, long maxPixels) {
    int width = rgb.getWidth();
    int height = rgb.getHeight();
    int k = 1;
    while ((long) (width / k) * (height / k) > maxPixels) {
      k++;
    }
    int w = Math.max(1, width / k);
    int h = Math.max(1, height / k);
    float[] out = new float[w * h];
    // getRGB converts pixel by pixel through the colour model; TYPE_INT_RGB is read directly.
    int[] direct =
        rgb.getType() == BufferedImage.TYPE_INT_RGB
            ? ((java.awt.image.DataBufferInt) rgb.getRaster().getDataBuffer()).getData()
            : null;
    int[] row = new int[width];
    float scale = 1f / (255f * k * k);
    for (int y = 0; y < h * k; y++) {
      int offset = 0;
      int[] pixels = direct;
      if (direct == null) {
        rgb.getRGB(0, y, width, 1, row, 0, width);
        pixels = row;
      } else {
        offset = y * width;
      }
      int base = (y / k) * w;
      for (int x = 0; x < w * k; x++) {
        int p = pixels[offset + x];
        out[base + x / k] +=
            (0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF))
                * scale;
      }
    }
    return new GrayImage(out, w, h);
  }

  /**
   * This image at another size: area averaging when shrinking (every source pixel counts by its
   * overlap, so thin strokes fade rather than vanish), bilinear when enlarging.
   */
  public GrayImage resized(int newWidth, int newHeight) {
    float[] rows = resizeAxis(values, width, height, newWidth, true); // [height, newWidth]
    float[] out = resizeAxis(rows, newWidth, height, newHeight, false); // [newHeight, newWidth]
    return new GrayImage(out, newWidth, newHeight);
  }

  /** Resizes along x ({@code across}) or y of a [height, width] image to {@code length} cells. */
  private static float[] resizeAxis(float[] in, int width, int height, int length, boolean across) {
    int old = across ? width : height;
    int lines = across ? height : width;
    int stride = across ? 1 : width;
    int lineStep = across ? width : 1;
    int outWidth = across ? length : width;
    float[] out = new float[across ? height * length : length * width];
    double ratio = (double) old / length;
    for (int line = 0; line < lines; line++) {
      int base = line * lineStep;
      for (int i = 0; i < length; i++) {
        double v;
        if (ratio >= 1) {
          double from = i * ratio;
          double to = from + ratio;
          double sum = 0;
          for (int cell = (int) from; cell < Math.min(old, Math.ceil(to)); cell++) {
            sum += (Math.min(to, cell + 1) - Math.max(from, cell)) * in[base + cell * stride];
          }
          v = sum / ratio;
        } else {
          double centre = (i + 0.5) * ratio - 0.5;
          int left = (int) Math.floor(centre);
          double t = centre - left;
          int a = Math.max(0, Math.min(old - 1, left));
          int b = Math.max(0, Math.min(old - 1, left + 1));
          v = (1 - t) * in[base + a * stride] + t * in[base + b * stride];
        }
        int index = across ? line * outWidth + i : i * outWidth + line;
        out[index] = (float) v;
      }
    }
    return out;
  }

  /** The part of this image inside {@code box} (clipped to the image). */
  public GrayImage crop(Box box) {
    int left = Math.max(0, box.x());
    int top = Math.max(0, box.y());
    int right = Math.min(width, box.right());
    int bottom = Math.min(height, box.bottom());
    int w = Math.max(1, right - left);
    int h = Math.max(1, bottom - top);
    float[] out = new float[w * h];
    for (int y = 0; y < h && top + y < height; y++) {
      System.arraycopy(values, (top + y) * width + left, out, y * w, Math.min(w, width - left));
    }
    return new GrayImage(out, w, h);
  }

  /** The image as a grey picture, 0 black and 1 white, for looking at a stage. */
  public BufferedImage toPicture() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < values.length; i++) {
      data[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, values[i])));
    }
    return out;
  }
}
