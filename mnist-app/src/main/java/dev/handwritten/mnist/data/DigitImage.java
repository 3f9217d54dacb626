package dev.handwritten.mnist.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Turns a picture of one handwritten digit (a scan, a photo, a drawing) into what the network was
 * trained on: 28 x 28 pixels of white ink on black in [0, 1], the digit scaled to fit a 20 x 20 box
 * and placed so that its centre of mass is the centre of the field, the way MNIST's own images were
 * made.
 */
public final class DigitImage {
  /* Design notes: the paper is whatever the picture's border mostly is, so dark ink on white paper
   * and light chalk on a blackboard both work; ink is then measured from the paper's shade up to
   * the stroke's typical shade, so a faint pencil digit reaches full strength like MNIST's pen
   * strokes. Pixels under a fifth of that range count as paper: shadows and grain. Shrinking
   * averages areas (every source pixel counts in proportion to its overlap), which gives MNIST's
   * anti-aliased edges and never skips thin strokes the way sampling would. */

  /** Rows and columns of the result. */
  public static final int SIZE = 28;

  /** The digit's longer side, in pixels, inside the field (MNIST's normalisation). */
  static final int BOX = 20;

  /** Where the centre of mass goes, across and down, from the field's top left edge. */
  static final double CENTRE = 14.5;

  /** Ink below this fraction of the paper-to-stroke range is treated as paper. */
  static final float PAPER = 0.2f;

  private DigitImage() {}

  /**
   * Reads a PNG, JPEG, GIF or BMP file and prepares it as one network input.
   *
   * @return {@code SIZE * SIZE} floats in [0, 1], row by row
   * @throws IOException naming the file when it is missing, not an image, or shows no digit
   */
  public static float[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": cannot be read as an image (" + e.getMessage() + ")", e);
    }
    if (image == null) {
      throw new IOException(file + ": not an image this app can read (PNG, JPEG, GIF or BMP)");
    }
    try {
      return prepare(image);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Prepares a picture of one digit as one network input.
   *
   * @return {@code SIZE * SIZE} floats in [0, 1], row by row
   * @throws IllegalArgumentException when the picture is one shade, with no digit on it
   */
  public static float[] prepare(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    float[] ink = lightness(image);
    if (paperIsLight(ink, width, height)) {
      for (int i = 0; i < ink.length; i++) {
        ink[i] = 1 - ink[i];
      }
    }
    float paper = median(border(ink, width, height));
    float strongest = 0;
    for (float v : ink) {
      strongest = Math.max(strongest, v);
    }
    if (strongest - paper < 0.1f) {
      throw new IllegalArgumentException(
          "no digit found: the picture is all one shade (a " + width + " x " + height + " image)");
    }
    // Full ink is the typical shade of the clearly inked pixels (those past half-way to the
    // strongest), not the strongest one itself: grain or a speck would otherwise leave the whole
    // stroke grey.
    float stroke = median(above(ink, paper + (strongest - paper) / 2));
    // Ink from paper (0) to the stroke (1); paper-like shades become exactly 0.
    int left = width;
    int right = -1;
    int top = height;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float v = (ink[y * width + x] - paper) / (stroke - paper);
        v = v < PAPER ? 0 : Math.min(v, 1);
        ink[y * width + x] = v;
        if (v > 0) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    int boxWidth = right - left + 1;
    int boxHeight = bottom - top + 1;
    float[] digit = new float[boxWidth * boxHeight];
    for (int y = 0; y < boxHeight; y++) {
      System.arraycopy(ink, (top + y) * width + left, digit, y * boxWidth, boxWidth);
    }
    double scale = (double) BOX / Math.max(boxWidth, boxHeight);
    int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
    int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));
    float[] scaled = resample(digit, boxWidth, boxHeight, scaledWidth, scaledHeight);
    return centreByMass(scaled, scaledWidth, scaledHeight);
  }

  /** Each pixel's lightness in [0, 1], transparent parts counted as white paper. */
  private static float[] lightness(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    float[] out = new float[width * height];
    ColorModel colors = image.getColorModel();
    if (colors.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(colors instanceof IndexColorModel)) {
      // Read grey samples as stored: getRGB would convert linear grey to sRGB and lighten them.
      Raster raster = image.getRaster();
      double grayMax = (1 << colors.getComponentSize(0)) - 1;
      boolean alpha = colors.hasAlpha();
      double alphaMax = alpha ? (1 << colors.getComponentSize(1)) - 1 : 1;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double a = alpha ? raster.getSample(x, y, 1) / alphaMax : 1;
          out[y * width + x] = (float) (a * raster.getSample(x, y, 0) / grayMax + (1 - a));
        }
      }
      return out;
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int argb = image.getRGB(x, y);
        double a = (argb >>> 24) / 255.0;
        double luma =
            (0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF))
                / 255;
        out[y * width + x] = (float) (a * luma + (1 - a));
      }
    }
    return out;
  }

  private static boolean paperIsLight(float[] lightness, int width, int height) {
    return median(border(lightness, width, height)) > 0.5f;
  }

  /** The pixels of the outer frame, a twentieth of the shorter side thick (at least one). */
  private static float[] border(float[] pixels, int width, int height) {
    int thick = Math.max(1, Math.min(width, height) / 20);
    float[] out = new float[width * height];
    int n = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (x < thick || y < thick || x >= width - thick || y >= height - thick) {
          out[n++] = pixels[y * width + x];
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static float[] above(float[] values, float threshold) {
    float[] out = new float[values.length];
    int n = 0;
    for (float v : values) {
      if (v > threshold) {
        out[n++] = v;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static float median(float[] values) {
    float[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Area-averaging resize of a [height, width] image to [newHeight, newWidth]. */
  static float[] resample(float[] image, int width, int height, int newWidth, int newHeight) {
    float[] rows = new float[height * newWidth]; // [height, newWidth]
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < newWidth; x++) {
        rows[y * newWidth + x] = average(image, y * width, 1, width, newWidth, x);
      }
    }
    float[] out = new float[newHeight * newWidth];
    for (int x = 0; x < newWidth; x++) {
      for (int y = 0; y < newHeight; y++) {
        out[y * newWidth + x] = average(rows, x, newWidth, height, newHeight, y);
      }
    }
    return out;
  }

  /**
   * The mean of cells {@code [from, to)} of a line of {@code length} unit cells stretched onto
   * {@code newLength} cells, for new cell {@code i}; the line starts at {@code offset} and its
   * cells lie {@code stride} apart.
   */
  private static float average(
      float[] line, int offset, int stride, int length, int newLength, int i) {
    double from = (double) i * length / newLength;
    double to = (double) (i + 1) * length / newLength;
    double sum = 0;
    for (int cell = (int) from; cell < Math.min(length, Math.ceil(to)); cell++) {
      double overlap = Math.min(to, cell + 1) - Math.max(from, cell);
      sum += overlap * line[offset + cell * stride];
    }
    return (float) (sum / (to - from));
  }

  /** Places the digit in the field so that its centre of mass falls on the field's centre. */
  private static float[] centreByMass(float[] digit, int width, int height) {
    double mass = 0;
    double sumX = 0;
    double sumY = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float v = digit[y * width + x];
        mass += v;
        sumX += v * (x + 0.5);
        sumY += v * (y + 0.5);
      }
    }
    // MNIST puts the centre of mass on pixel (14, 14) counted from 0, that is at 14.5 measured
    // from the field's edge (the test set's mean: 14.51 across, 14.49 down), not at its middle.
    int left = clamp((int) Math.round(CENTRE - sumX / mass), SIZE - width);
    int top = clamp((int) Math.round(CENTRE - sumY / mass), SIZE - height);
    float[] field = new float[SIZE * SIZE];
    for (int y = 0; y < height; y++) {
      System.arraycopy(digit, y * width, field, (top + y) * SIZE + left, width);
    }
    return field;
  }

  private static int clamp(int value, int max) {
    return Math.max(0, Math.min(value, max));
  }
}
