package dev.handwritten.mnist.page;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns the bytes of a picture file into pixels the page reader can use, refusing what it should
 * not try: the first stage of reading a photo.
 *
 * <pre>{@code
 * Picture picture = PictureDecoder.decode(Path.of("photo.jpg"), PictureDecoder.MAX_PIXELS);
 * picture.image();                       // oriented as shown, at most DECODED_PIXELS pixels
 * picture.width(); picture.height();     // the photo's own size, as shown
 * }</pre>
 *
 * <ul>
 *   <li>PNG, JPEG, GIF, BMP and WebP (through ImageIO and TwelveMonkeys' WebP reader).
 *   <li>The size is read from the header first: a picture over the pixel limit is refused before a
 *       single pixel is decoded, so a 30,000 x 30,000 "PNG bomb" costs nothing.
 *   <li>Big photos are decoded subsampled to at most {@link #DECODED_PIXELS} pixels, so memory
 *       stays bounded whatever the photo's size.
 *   <li>A truncated or corrupt file is an error, not a guess: ImageIO decodes the first part of a
 *       cut JPEG or PNG silently (the rest grey), so the file's end marker is checked and the
 *       decoder's warnings count as failures.
 *   <li>The EXIF orientation of phone JPEGs is applied (read with metadata-extractor), so a photo
 *       taken with the phone held upright reads upright.
 * </ul>
 *
 * Every failure is an {@link IOException} whose message starts with the picture's name and says
 * what is wrong.
 */
public final class PictureDecoder {
  /** The default limit on a picture's pixels: 50 megapixels, a large phone photo is 12 to 48. */
  public static final long MAX_PIXELS = 50_000_000;

  /**
   * The most pixels a picture is decoded to; larger ones are subsampled while they are read. Twelve
   * megapixels keep a phone photo's thin pencil strokes and cost 48 MB as RGB.
   */
  public static final long DECODED_PIXELS = 12_600_000;

  /** The formats this build reads, for messages. */
  public static final String FORMATS = "PNG, JPEG, GIF, BMP or WebP";

  private PictureDecoder() {}

  /**
   * A decoded picture.
   *
   * @param image the pixels, oriented as shown, possibly subsampled: {@code scale} times the
   *     photo's size, as TYPE_INT_RGB with any transparency composited onto white
   * @param width the photo's width as shown, at full resolution
   * @param height the photo's height as shown, at full resolution
   * @param scale the image's pixels per photo pixel, at most 1
   * @param format the format's name, e.g. {@code jpeg}
   */
  public record Picture(BufferedImage image, int width, int height, double scale, String format) {}

  /**
   * Reads a picture file.
   *
   * @param maxPixels the largest picture accepted, in pixels (width times height)
   * @throws IOException naming the file: missing, a folder, not a picture, over the limit,
   *     truncated or corrupt
   */
  public static Picture decode(Path file, long maxPixels) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + ": a folder, not a picture");
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return decode(Files.readAllBytes(file), file.toString(), maxPixels);
  }

  /**
   * Reads a picture from its bytes, for example a request body or standard input.
   *
   * @param name names the picture in messages
   * @param maxPixels the largest picture accepted, in pixels (width times height)
   * @throws IOException starting with {@code name}: not a picture, over the limit, truncated or
   *     corrupt
   */
  public static Picture decode(byte[] bytes, String name, long maxPixels) throws IOException {
    if (bytes.length == 0) {
      throw new IOException(name + ": empty, not a picture");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException(name + ": not a picture this app can read (" + FORMATS + ")");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        int width;
        int height;
        try {
          width = reader.getWidth(0);
          height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw new IOException(name + ": a damaged " + format + " header (" + reason(e) + ")");
        }
        long pixels = (long) width * height;
        if (width < 1 || height < 1) {
          throw new IOException(name + ": a " + width + " x " + height + " picture has no pixels");
        }
        if (pixels > maxPixels) {
          throw new TooLarge(
              String.format(
                  Locale.ROOT,
                  "%s: %,d x %,d pixels (%s megapixels) is over the limit of %s megapixels",
                  name,
                  width,
                  height,
                  megapixels(pixels),
                  megapixels(maxPixels)));
        }
        String truncated = EndMarkers.problem(format, bytes);
        if (truncated != null) {
          throw new IOException(name + ": " + truncated);
        }
        int step = subsampling(pixels);
        ImageReadParam param = reader.getDefaultReadParam();
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage decoded;
        try {
          decoded = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
          throw new IOException(name + ": a corrupt " + format + " file (" + reason(e) + ")");
        }
        if (!warnings.isEmpty()) {
          throw new IOException(
              name + ": a corrupt " + format + " file (" + warnings.getFirst() + ")");
        }
        int orientation = exifOrientation(bytes);
        BufferedImage oriented = orient(rgbOnWhite(decoded), orientation);
        boolean turned = orientation >= 5 && orientation <= 8;
        int shownWidth = turned ? height : width;
        return new Picture(
            oriented,
            shownWidth,
            turned ? width : height,
            oriented.getWidth() / (double) shownWidth,
            format);
      } finally {
        reader.dispose();
      }
    }
  }

  /** A picture over the pixel limit: callers may say how to raise it. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /** Pixels in megapixels, as few digits as tell it: 50, 12.6, 0.001. */
  static String megapixels(long pixels) {
    return new java.math.BigDecimal(pixels)
        .movePointLeft(6)
        .round(new java.math.MathContext(pixels >= 1_000_000 ? 3 : 1))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Every how many pixels to keep, across and down, so that at most DECODED_PIXELS remain. */
  static int subsampling(long pixels) {
    int step = 1;
    while (pixels / ((long) step * step) > DECODED_PIXELS) {
      step++;
    }
    return step;
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /**
   * The EXIF orientation tag: 1 upright, 3 upside down, 6 turned a quarter clockwise to view, 8
   * counter-clockwise, and the mirrored 2, 4, 5, 7; 1 when the picture has none.
   */
  static int exifOrientation(byte[] bytes) {
    try {
      Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
      ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
        int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
        return value >= 1 && value <= 8 ? value : 1;
      }
    } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
      // Metadata that cannot be read is no reason to refuse pixels that can: show it as stored.
    }
    return 1;
  }

  /** The picture turned and mirrored as EXIF orientation {@code tag} says it is to be shown. */
  static BufferedImage orient(BufferedImage image, int tag) {
    if (tag <= 1 || tag > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean turned = tag >= 5;
    AffineTransform t = new AffineTransform();
    switch (tag) {
      case 2 -> t.setTransform(-1, 0, 0, 1, w, 0); // mirrored across
      case 3 -> t.setTransform(-1, 0, 0, -1, w, h); // upside down
      case 4 -> t.setTransform(1, 0, 0, -1, 0, h); // mirrored up-down
      case 5 -> t.setTransform(0, 1, 1, 0, 0, 0); // transposed
      case 6 -> t.setTransform(0, 1, -1, 0, h, 0); // a quarter turn clockwise
      case 7 -> t.setTransform(0, -1, -1, 0, h, w); // transversed
      case 8 -> t.setTransform(0, -1, 1, 0, 0, w); // a quarter turn counter-clockwise
      default -> {}
    }
    BufferedImage out =
        new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, t, null);
    g.dispose();
    return out;
  }

  /** TYPE_INT_RGB, with transparent parts shown as white paper. */
  private static BufferedImage rgbOnWhite(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    int width = image.getWidth();
    int height = image.getHeight();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ColorModel colors = image.getColorModel();
    if (colors.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(colors instanceof IndexColorModel)) {
      // Grey samples as stored: drawing would treat them as linear light and brighten them.
      Raster raster = image.getRaster();
      double grayMax = (1 << colors.getComponentSize(0)) - 1;
      boolean alpha = colors.hasAlpha();
      double alphaMax = alpha ? (1 << colors.getComponentSize(1)) - 1 : 1;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double a = alpha ? raster.getSample(x, y, 1) / alphaMax : 1;
          int v = (int) Math.round(255 * (a * raster.getSample(x, y, 0) / grayMax + (1 - a)));
          out.setRGB(x, y, v << 16 | v << 8 | v);
        }
      }
      return out;
    }
    Graphics2D g = out.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }
}
