package dev.handwritten.mnist.train;

import dev.handwritten.mnist.imaging.Filters;
import dev.handwritten.mnist.imaging.Morphology;
import dev.handwritten.mnist.imaging.Scan;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random affine distortions of training images, drawn fresh for every image in every epoch: a
 * rotation in {@code [-maxRotationDegrees, maxRotationDegrees]}, a scale in {@code [1 - maxScale, 1
 * + maxScale]} and a shift of up to {@code maxShift} of the image size in each direction, about the
 * image centre, sampled bilinearly with zeros outside the image. The network then never sees the
 * same image twice, which is most of what separates 99.2% from 99.6% on MNIST.
 *
 * <p>After the geometry, optionally, the ink: a {@code strokeChange} share of the images get
 * strokes a pixel thicker or thinner (grey dilation or erosion over the 3 x 3 cross, half each, the
 * thinner ones brought back to full ink), and half of them scanner noise (Gaussian, a standard
 * deviation drawn from {@code [0, maxNoise]}, clipped to [0, 1]). A model that has only seen
 * MNIST's strokes and clean backgrounds reads a fine pen's hairlines and a grainy scan badly (the
 * robustness suite, docs/robustness.md); these are the training-set side of that, drawn afresh per
 * image and epoch, never the suite's own distortions of the test set.
 *
 * <p>Optionally, too, the hand: a slant (a horizontal shear of up to {@code maxShear} of the
 * height, either way) and an elastic bend (Simard et al., 2003, on a coarse grid: each of 4 x 4
 * control points displaced by up to {@code maxElastic} pixels in each direction, the field between
 * them interpolated bilinearly), both folded into the same single resampling as the affine map.
 * People slant their writing and never draw a stroke straight twice; MNIST's writers slant less
 * than many.
 *
 * <p>Optionally, last, the page and the scanner: a quarter of the images written small (the zoom
 * drawn from {@code [1 - maxShrink, 1]} instead, as a digit written in a box too large for it), and
 * a {@code scanShare} of the images scanned another way, one of three in equal shares: out of focus
 * (a Gaussian blur of 0.5 to 1.2 pixels, ink stretched back to full), coarser (seen at 12 to 20
 * pixels a side and enlarged back) or in black and white (a threshold drawn from [0.25, 0.75]). A
 * model that has seen each distortion alone still fails on two at once (a small digit, then a
 * coarse scan): the robustness suite's {@code mix}.
 *
 * <p>Deterministic: the transform of image {@code index} in epoch {@code epoch} is a pure function
 * of (seed, epoch, index), so runs repeat exactly, whoever computes them.
 *
 * @param maxRotationDegrees largest rotation either way, in degrees
 * @param maxScale largest relative zoom in or out, for example 0.15
 * @param maxShift largest shift as a fraction of the width or height, for example 0.1
 * @param strokeChange the share of images whose strokes are made a pixel thicker or thinner, in [0,
 *     1]; 0 for none
 * @param maxNoise the largest standard deviation of the noise added to half the images, in [0, 1];
 *     0 for none
 * @param maxShear the largest slant, as horizontal shift per pixel of height, in [0, 1]; 0 for none
 * @param maxElastic the largest displacement of an elastic control point, in pixels, in [0, 4]; 0
 *     for none
 * @param maxShrink how much smaller than the original a quarter of the images are drawn, at most,
 *     in [0, 1); 0 for none
 * @param scanShare the share of images blurred, coarsened or binarized, in [0, 1]; 0 for none
 */
public record Augmentation(
    double maxRotationDegrees,
    double maxScale,
    double maxShift,
    double strokeChange,
    double maxNoise,
    double maxShear,
    double maxElastic,
    double maxShrink,
    double scanShare) {
  /** Control points per side of the elastic field: a bend or two per stroke, not a jitter. */
  private static final int GRID = 4;

  /**
   * The least share of its ink that the strokes and the scanner may leave of a digit; below it the
   * digit is kept as drawn, since a few specks labelled "5" teach nothing but noise.
   */
  private static final double LEAST_INK_KEPT = 0.3;

  /** No augmentation: images are used as they are. */
  public static final Augmentation NONE = new Augmentation(0, 0, 0);

  /** The published recipe for MNIST: rotation 15 degrees, zoom 15%, shift 10%. */
  public static final Augmentation STANDARD = new Augmentation(15, 0.15, 0.1);

  /**
   * {@link #STANDARD}, and the ink: half the images a pixel thicker or thinner, half of them noise
   * of up to 0.2 of the ink range.
   */
  public static final Augmentation WITH_INK = new Augmentation(15, 0.15, 0.1, 0.5, 0.2);

  /**
   * {@link #WITH_INK}, and the hand: slants of up to 0.35 and elastic bends of up to 1.5 pixels.
   */
  public static final Augmentation WITH_HAND = new Augmentation(15, 0.15, 0.1, 0.5, 0.2, 0.35, 1.5);

  /**
   * {@link #WITH_HAND}, and the page: a quarter of the images down to 0.5 of their size, 0.3 of
   * them blurred, coarsened or binarized.
   */
  public static final Augmentation WITH_SCAN =
      new Augmentation(15, 0.15, 0.1, 0.5, 0.2, 0.35, 1.5, 0.5, 0.3);

  public Augmentation {
    if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)
        || !(maxScale >= 0 && maxScale < 1)
        || !(maxShift >= 0 && maxShift < 1)
        || !(strokeChange >= 0 && strokeChange <= 1)
        || !(maxNoise >= 0 && maxNoise <= 1)
        || !(maxShear >= 0 && maxShear <= 1)
        || !(maxElastic >= 0 && maxElastic <= 4)
        || !(maxShrink >= 0 && maxShrink < 1)
        || !(scanShare >= 0 && scanShare <= 1)) {
      throw new IllegalArgumentException(
          "Augmentation: expected rotation in [0, 180], scale, shift and shrink in [0, 1), stroke"
              + " change, noise, shear and scan share in [0, 1], elastic in [0, 4] pixels, got "
              + maxRotationDegrees
              + ", "
              + maxScale
              + ", "
              + maxShift
              + ", "
              + strokeChange
              + ", "
              + maxNoise
              + ", "
              + maxShear
              + ", "
              + maxElastic
              + ", "
              + maxShrink
              + ", "
              + scanShare);
    }
  }

  /** Geometry only, as before the ink existed: what {@code --augment} alone gives. */
  public Augmentation(double maxRotationDegrees, double maxScale, double maxShift) {
    this(maxRotationDegrees, maxScale, maxShift, 0, 0);
  }

  /** Geometry and ink, without the hand's slant and bends: what {@code --augment-ink} gives. */
  public Augmentation(
      double maxRotationDegrees,
      double maxScale,
      double maxShift,
      double strokeChange,
      double maxNoise) {
    this(maxRotationDegrees, maxScale, maxShift, strokeChange, maxNoise, 0, 0);
  }

  /** Geometry, ink and hand, without the page: what {@code --augment-hand} gives. */
  public Augmentation(
      double maxRotationDegrees,
      double maxScale,
      double maxShift,
      double strokeChange,
      double maxNoise,
      double maxShear,
      double maxElastic) {
    this(
        maxRotationDegrees, maxScale, maxShift, strokeChange, maxNoise, maxShear, maxElastic, 0, 0);
  }

  /** Whether this changes images at all. */
  public boolean enabled() {
    return maxRotationDegrees > 0
        || maxScale > 0
        || maxShift > 0
        || inked()
        || handed()
        || scanned();
  }

  /** Whether this writes some digits small or scans some another way. */
  public boolean scanned() {
    return maxShrink > 0 || scanShare > 0;
  }

  /** Whether this slants or bends the strokes. */
  public boolean handed() {
    return maxShear > 0 || maxElastic > 0;
  }

  /** Whether this changes the ink (strokes or noise), not only the geometry. */
  public boolean inked() {
    return strokeChange > 0 || maxNoise > 0;
  }

  /**
   * Writes a randomly transformed copy of one image.
   *
   * @param src {@code [rows, cols]} starting at {@code srcOffset}
   * @param dst {@code [rows, cols]} starting at {@code dstOffset}, overwritten
   */
  public void apply(
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      int rows,
      int cols,
      long seed,
      int epoch,
      int index) {
    SplittableRandom random =
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + index);
    double angle = Math.toRadians(random.nextDouble(-1, 1) * maxRotationDegrees);
    double scale = 1 + random.nextDouble(-1, 1) * maxScale;
    double shiftX = random.nextDouble(-1, 1) * maxShift * cols;
    double shiftY = random.nextDouble(-1, 1) * maxShift * rows;
    // Each later part draws after the ones before, so runs without it keep their bits.
    double stroke = inked() ? random.nextDouble() : 1;
    boolean noisy = inked() && random.nextBoolean();
    double sigma = inked() ? random.nextDouble() * maxNoise : 0;
    double shear = maxShear > 0 ? random.nextDouble(-1, 1) * maxShear : 0;
    double[] field = maxElastic > 0 ? elasticField(random, maxElastic) : null;
    if (maxShrink > 0 && random.nextInt(4) == 0) {
      scale = 1 - random.nextDouble() * maxShrink;
    }
    int scanner = scanShare > 0 && random.nextDouble() < scanShare ? 1 + random.nextInt(3) : 0;
    double scanSetting = scanShare > 0 ? random.nextDouble() : 0;
    warp(src, srcOffset, dst, dstOffset, rows, cols, angle, scale, shiftX, shiftY, shear, field);
    if (!inked() && scanner == 0) {
      return;
    }
    // As a page is made: the pen's stroke, then the scanner's optics, then its noise.
    float[] drawn = Arrays.copyOfRange(dst, dstOffset, dstOffset + rows * cols);
    float[] image = drawn;
    if (stroke < strokeChange / 2) {
      image = Morphology.dilate(image, cols, rows);
    } else if (stroke < strokeChange) {
      image = Filters.stretchToFullInk(Morphology.erode(image, cols, rows));
    }
    if (scanner > 0) {
      image = scan(image, rows, cols, scanner, scanSetting);
    }
    // Only with the page, so that runs of the recipes before it keep their bits.
    if (scanned() && ink(image) < LEAST_INK_KEPT * ink(drawn)) {
      image = drawn; // a small digit's thin strokes eroded or thresholded away: not a digit
    }
    if (noisy && sigma > 0) {
      image = Filters.gaussianNoise(image, sigma, random);
    }
    System.arraycopy(image, 0, dst, dstOffset, image.length);
  }

  private static double ink(float[] image) {
    double sum = 0;
    for (float v : image) {
      sum += v;
    }
    return sum;
  }

  /**
   * One image scanned another way: 1 out of focus, 2 coarser, 3 black and white, at a strength
   * given by {@code setting} in [0, 1).
   */
  private static float[] scan(float[] image, int rows, int cols, int how, double setting) {
    return switch (how) {
      case 1 -> Filters.stretchToFullInk(Filters.blur(image, cols, rows, 0.5 + 0.7 * setting));
      // 12 to 20 pixels a side for MNIST's 28; pictures that are not square keep theirs.
      case 2 ->
          rows == cols ? Scan.coarse(image, cols, (int) ((12 + setting * 9) * cols / 28)) : image;
      default -> Scan.threshold(image, (float) (0.25 + 0.5 * setting));
    };
  }

  /**
   * The affine map itself, with explicit parameters: output pixel {@code p} takes the input at
   * {@code R(-angle) (p - centre - shift) / scale + centre}, interpolated bilinearly, 0 outside.
   *
   * @param angle counter-clockwise rotation in radians, as the image is displayed (y down)
   * @param shiftX pixels to the right
   * @param shiftY pixels down
   */
  public static void transform(
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      int rows,
      int cols,
      double angle,
      double scale,
      double shiftX,
      double shiftY) {
    warp(src, srcOffset, dst, dstOffset, rows, cols, angle, scale, shiftX, shiftY, 0, null);
  }

  /**
   * Random displacements of the elastic grid's control points, uniform in {@code [-max, max]}
   * pixels: {@code GRID x GRID} horizontal ones, then as many vertical ones.
   */
  private static double[] elasticField(SplittableRandom random, double max) {
    double[] field = new double[2 * GRID * GRID];
    for (int i = 0; i < field.length; i++) {
      field[i] = random.nextDouble(-1, 1) * max;
    }
    return field;
  }

  /**
   * {@link #transform}, with a slant applied first (the input's row {@code y} shifted right by
   * {@code shear * (centre - y)}, so a positive shear leans the top to the right) and an elastic
   * field added to where each output pixel samples.
   *
   * @param field {@link #elasticField}'s displacements; null for none
   */
  private static void warp(
      float[] src,
      int srcOffset,
      float[] dst,
      int dstOffset,
      int rows,
      int cols,
      double angle,
      double scale,
      double shiftX,
      double shiftY,
      double shear,
      double[] field) {
    double cx = (cols - 1) / 2.0;
    double cy = (rows - 1) / 2.0;
    double cos = Math.cos(angle) / scale;
    double sin = Math.sin(angle) / scale;
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        double dx = x - cx - shiftX;
        double dy = y - cy - shiftY;
        // Inverse rotation; with y pointing down, a counter-clockwise turn on screen.
        double sx = cos * dx - sin * dy + cx;
        double sy = sin * dx + cos * dy + cy;
        if (shear != 0) {
          sx += shear * (sy - cy); // undo the slant: the top (sy < cy) was moved right
        }
        if (field != null) {
          double gx = x * (GRID - 1.0) / (cols - 1);
          double gy = y * (GRID - 1.0) / (rows - 1);
          sx += interpolate(field, 0, gx, gy);
          sy += interpolate(field, GRID * GRID, gx, gy);
        }
        dst[dstOffset + y * cols + x] = bilinear(src, srcOffset, rows, cols, sx, sy);
      }
    }
  }

  /** The field's value at grid coordinates (gx, gy), bilinear between its control points. */
  private static double interpolate(double[] field, int offset, double gx, double gy) {
    int x0 = Math.min((int) gx, GRID - 2);
    int y0 = Math.min((int) gy, GRID - 2);
    double fx = gx - x0;
    double fy = gy - y0;
    int at = offset + y0 * GRID + x0;
    double top = (1 - fx) * field[at] + fx * field[at + 1];
    double bottom = (1 - fx) * field[at + GRID] + fx * field[at + GRID + 1];
    return (1 - fy) * top + fy * bottom;
  }

  private static float bilinear(float[] src, int offset, int rows, int cols, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double top =
        (1 - fx) * pixel(src, offset, rows, cols, x0, y0)
            + fx * pixel(src, offset, rows, cols, x0 + 1, y0);
    double bottom =
        (1 - fx) * pixel(src, offset, rows, cols, x0, y0 + 1)
            + fx * pixel(src, offset, rows, cols, x0 + 1, y0 + 1);
    return (float) ((1 - fy) * top + fy * bottom);
  }

  private static float pixel(float[] src, int offset, int rows, int cols, int x, int y) {
    return x < 0 || y < 0 || x >= cols || y >= rows ? 0f : src[offset + y * cols + x];
  }
}
