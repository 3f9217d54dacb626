package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.page.Box;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.ReadDigit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark photo as a person checks it: the whole photo small, beside it the number enlarged,
 * the true digits' boxes in green and the read boxes dashed in magenta, each read box with its
 * digit, and a caption with the true and the read number.
 */
public final class Annotations {
  static final Color TRUTH = new Color(0, 170, 60);
  static final Color READ = new Color(220, 0, 200);
  private static final int HEIGHT = 300; // of each view
  private static final int CROP_WIDTH = 760; // at most
  private static final int CAPTION = 28;

  private Annotations() {}

  /** Draws {@code photo} with its true boxes and {@code reading}'s boxes. */
  public static BufferedImage draw(Photo photo, PageReading reading, Score score) {
    BufferedImage picture = photo.picture();
    Box crop = cropAround(photo);
    double thumbScale = Math.min((double) HEIGHT / picture.getHeight(), 400.0 / picture.getWidth());
    double cropScale =
        Math.min(3, Math.min((double) HEIGHT / crop.height(), (double) CROP_WIDTH / crop.width()));
    int thumbWidth = (int) Math.round(picture.getWidth() * thumbScale);
    int thumbHeight = (int) Math.round(picture.getHeight() * thumbScale);
    int cropWidth = (int) Math.round(crop.width() * cropScale);
    int cropHeight = (int) Math.round(crop.height() * cropScale);
    int width = thumbWidth + 12 + cropWidth + 8;
    int height = CAPTION + Math.max(thumbHeight, cropHeight) + 8;

    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0x20, 0x20, 0x20));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(caption(photo, reading, score), 4, 19);

    // The whole photo, small, with the enlarged part outlined.
    int top = CAPTION;
    g.drawImage(shrunk(picture, thumbWidth, thumbHeight), 0, top, null);
    g.setStroke(new BasicStroke(1));
    g.setColor(new Color(255, 160, 0));
    g.drawRect(
        (int) (crop.x() * thumbScale),
        top + (int) (crop.y() * thumbScale),
        (int) (crop.width() * thumbScale),
        (int) (crop.height() * thumbScale));

    for (ReadDigit d : reading.digits()) {
      Box b = d.box();
      g.setColor(READ);
      g.drawRect(
          (int) (b.x() * thumbScale),
          top + (int) (b.y() * thumbScale),
          Math.max(1, (int) (b.width() * thumbScale) - 1),
          Math.max(1, (int) (b.height() * thumbScale) - 1));
    }

    // The number, enlarged, with every box.
    g.drawImage(number(photo, reading, crop, cropScale), thumbWidth + 12, top, null);
    g.dispose();
    return out;
  }

  /**
   * The number alone, with the true boxes in green and the read ones in magenta, at most {@code
   * maxWidth} by {@code maxHeight} pixels (never enlarged more than three times).
   */
  public static BufferedImage number(
      Photo photo, PageReading reading, int maxWidth, int maxHeight) {
    Box crop = cropAround(photo);
    double scale =
        Math.min(3, Math.min((double) maxHeight / crop.height(), (double) maxWidth / crop.width()));
    return number(photo, reading, crop, scale);
  }

  private static BufferedImage number(Photo photo, PageReading reading, Box crop, double scale) {
    int width = Math.max(1, (int) Math.round(crop.width() * scale));
    int height = Math.max(1, (int) Math.round(crop.height() * scale));
    BufferedImage part =
        photo.picture().getSubimage(crop.x(), crop.y(), crop.width(), crop.height());
    BufferedImage out = shrunk(part, width, height);
    Graphics2D view = out.createGraphics();
    view.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    view.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    view.setStroke(new BasicStroke(2));
    view.setColor(TRUTH);
    for (TruthDigit d : photo.digits()) {
      rect(view, d.box(), crop, scale);
    }
    // Dashed, so that a read box on top of its true box leaves the green showing between dashes.
    view.setStroke(
        new BasicStroke(
            2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    view.setColor(READ);
    view.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    for (ReadDigit d : reading.digits()) {
      rect(view, d.box(), crop, scale);
      int x = (int) Math.round((d.box().x() - crop.x()) * scale) + 3;
      int y = (int) Math.round((d.box().bottom() - crop.y()) * scale) - 4;
      view.drawString(
          Integer.toString(d.recognition().digit()), Math.max(3, x), Math.min(height - 4, y));
    }
    view.dispose();
    return out;
  }

  private static String caption(Photo photo, PageReading reading, Score score) {
    String read = reading.number().isEmpty() ? "nothing" : reading.number();
    return String.format(
        "%s   truth %s   read %s   %d of %d digits right   (green: truth, dashed magenta: read)",
        photo.id(), photo.number(), read, score.right(), score.digits());
  }

  /** The true digits' region with a margin of half their typical height, inside the photo. */
  static Box cropAround(Photo photo) {
    List<TruthDigit> digits = photo.digits();
    Box all = digits.getFirst().box();
    int[] heights = new int[digits.size()];
    for (int i = 0; i < digits.size(); i++) {
      all = all.union(digits.get(i).box());
      heights[i] = digits.get(i).box().height();
    }
    Arrays.sort(heights);
    int margin = Math.max(10, heights[heights.length / 2] / 2);
    int x0 = Math.max(0, all.x() - margin);
    int y0 = Math.max(0, all.y() - margin);
    int x1 = Math.min(photo.picture().getWidth(), all.right() + margin);
    int y1 = Math.min(photo.picture().getHeight(), all.bottom() + margin);
    return new Box(x0, y0, x1 - x0, y1 - y0);
  }

  private static void rect(Graphics2D g, Box box, Box crop, double scale) {
    g.drawRect(
        (int) Math.round((box.x() - crop.x()) * scale),
        (int) Math.round((box.y() - crop.y()) * scale),
        (int) Math.round(box.width() * scale),
        (int) Math.round(box.height() * scale));
  }

  /** The picture shrunk by averaging areas, so that its lines do not break up. */
  private static BufferedImage shrunk(BufferedImage picture, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(
        picture.getScaledInstance(width, height, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
    g.dispose();
    return out;
  }
}
