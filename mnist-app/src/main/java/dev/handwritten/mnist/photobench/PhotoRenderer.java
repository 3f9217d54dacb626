package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.imaging.Filters;
import dev.handwritten.mnist.page.Box;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws a {@link Scene} as a phone photo: the digits written on the page, the page seen by a camera
 * held at an angle, lit unevenly, then blurred, noisy and saved as JPEG; and the ground truth: each
 * digit's box in the photo's pixels.
 */
final class PhotoRenderer {
  /* Design notes: the page has its own coordinates (page pixels), in which the digits are written
   * upright and the paper is printed. One homography takes the page to the photo: a rotation about
   * the frame's centre, then the perspective of a tilted camera given by where the frame's corners
   * go. Each photo pixel is drawn by mapping its centre back onto the page and asking the paper and
   * the ink there; light is a function of the photo's pixels (it falls on the scene, not the
   * paper's coordinates). A digit's box is the box of its ink pixels' corners mapped forward, so it
   * follows rotation and perspective exactly. Sizes: a 4000 x 3000 photo holds three float planes
   * of 48 MB while it is drawn. */

  private PhotoRenderer() {}

  /** A photo: the picture as decoded from its JPEG bytes, and each digit's box. */
  record Rendered(BufferedImage picture, byte[] jpeg, List<List<Box>> boxes) {}

  /**
   * The colour planes before the camera blurs, adds noise and compresses: [height, width] each, in
   * levels of 255.
   */
  record Raster(float[] red, float[] green, float[] blue, int width, int height) {}

  /** Where everything goes: decided once per scene, before any pixel is drawn. */
  record Plan(
      Scene scene,
      TextBlock text,
      Homography pageToPhoto,
      Paper paper,
      Noise noise,
      double[] shadowCentre,
      double shadowRadius) {}

  /** Draws the scene. */
  static Rendered render(Scene scene) {
    Plan plan = plan(scene);
    Raster raster =
        paint(plan, i -> true, new Box(0, 0, scene.style().width(), scene.style().height()));
    BufferedImage exposed = expose(raster, scene.style().camera(), plan.noise());
    byte[] jpeg = jpeg(exposed, scene.style().camera().jpegQuality());
    return new Rendered(decode(jpeg), jpeg, boxes(plan));
  }

  /** Lays the digits out, places them in the frame and prepares the paper. */
  static Plan plan(Scene scene) {
    Style style = scene.style();
    SplittableRandom random = new SplittableRandom(scene.seed());
    SplittableRandom layout = random.split();
    SplittableRandom place = random.split();
    SplittableRandom paper = random.split();
    Noise noise = new Noise(random.nextLong());
    Homography frame = frame(style);
    double height = style.digitHeight();
    for (int attempt = 0; ; attempt++) {
      double lineStep = lineStep(style, height);
      TextBlock block = TextBlock.write(scene, height, lineStep, layout);
      int[] offset = place(block, frame, style, height, place);
      if (offset != null) {
        TextBlock text = block.moved(offset[0], offset[1]);
        return new Plan(
            scene,
            text,
            frame,
            paper(style, text, frame, height, noise, paper),
            noise,
            shadowCentre(style, text, frame),
            style.light().shadowRadius() * Math.min(style.width(), style.height()));
      }
      if (attempt == 20) {
        throw new IllegalStateException(
            "PhotoRenderer: cannot fit "
                + style.layout().digitsPerLine()
                + " digits in a "
                + style.width()
                + " x "
                + style.height()
                + " photo");
      }
      height *= 0.9;
    }
  }

  /** Page to photo: the phone's rotation about the frame's centre, then its tilt. */
  private static Homography frame(Style style) {
    double w = style.width();
    double h = style.height();
    Style.Camera c = style.camera();
    double[] corners = {0, 0, w, 0, w, h, 0, h};
    double[] seen = new double[8];
    for (int k = 0; k < 4; k++) {
      double sx = corners[2 * k] == 0 ? -1 : 1;
      double sy = corners[2 * k + 1] == 0 ? -1 : 1;
      seen[2 * k] = w / 2 + sx * (w / 2) * (1 + c.tilt() * sy);
      seen[2 * k + 1] = h / 2 + sy * (h / 2) * (1 + c.pan() * sx);
    }
    return Homography.rotation(c.rotation(), w / 2, h / 2).then(Homography.mapping(corners, seen));
  }

  /** Baseline to baseline; on ruled paper a whole number of the printed lines. */
  private static double lineStep(Style style, double height) {
    double step = style.layout().lineSpacing() * height;
    Style.Sheet sheet = style.sheet();
    if (sheet.rules() == Style.Rules.RULED) {
      step = sheet.ruleSpacing() * Math.max(1, Math.round(step / sheet.ruleSpacing()));
    }
    return step;
  }

  /**
   * A shift of the block that keeps it, with a margin, inside the frame once the camera has seen
   * it, drawn around the frame's centre; null if none of many tries fits.
   */
  private static int[] place(
      TextBlock block, Homography frame, Style style, double height, SplittableRandom random) {
    int w = style.width();
    int h = style.height();
    double pad = 0.3 * height + 4;
    double margin = 0.01 * Math.min(w, h);
    double blockX = (block.left + block.right) / 2.0;
    double blockY = (block.top + block.bottom) / 2.0;
    for (int attempt = 0; attempt < 200; attempt++) {
      // Triangular around the centre: photos tend to centre what they show.
      double cx = w / 2.0 + (random.nextDouble() - random.nextDouble()) * w / 2;
      double cy = h / 2.0 + (random.nextDouble() - random.nextDouble()) * h / 2;
      int dx = (int) Math.round(cx - blockX);
      int dy = (int) Math.round(cy - blockY);
      double[] corners = {
        block.left - pad,
        block.top - pad,
        block.right + pad,
        block.top - pad,
        block.right + pad,
        block.bottom + pad,
        block.left - pad,
        block.bottom + pad
      };
      boolean inside = true;
      for (int k = 0; k < 4 && inside; k++) {
        double[] p = frame.apply(corners[2 * k] + dx, corners[2 * k + 1] + dy);
        inside = p[0] >= margin && p[0] <= w - margin && p[1] >= margin && p[1] <= h - margin;
      }
      if (inside) {
        return new int[] {dx, dy};
      }
    }
    return null;
  }

  /** The paper around the placed text: where its grid, rules, margin and edges lie. */
  private static Paper paper(
      Style style,
      TextBlock text,
      Homography pageToPhoto,
      double height,
      Noise noise,
      SplittableRandom random) {
    Style.Sheet sheet = style.sheet();
    double spacing = Math.max(1, sheet.ruleSpacing());
    double gridX = random.nextDouble() * spacing;
    double ruleY =
        sheet.rules() == Style.Rules.RULED
            ? text.baselines[0] + height * random.nextDouble() * 0.06
            : random.nextDouble() * spacing;
    double marginX =
        sheet.rules() == Style.Rules.RULED && sheet.margin()
            ? text.left - height * (0.8 + 1.7 * random.nextDouble())
            : Double.NaN;
    double far = 1e7;
    double[] edges = {-far, -far, far, far};
    if (sheet.edge()) {
      edges = edges(style, text, pageToPhoto, height, random);
    }
    return new Paper(
        sheet, noise, gridX, ruleY, marginX, edges, 0.02 * Math.min(style.width(), style.height()));
  }

  /**
   * The sheet's edges on the page: each side in the frame half the time (at least one always), at a
   * quarter to two thirds of the way from the text to the frame's side.
   */
  private static double[] edges(
      Style style, TextBlock text, Homography pageToPhoto, double height, SplittableRandom random) {
    // Room between the text and each side of the frame, measured in the photo.
    double[] lt = pageToPhoto.apply(text.left, text.top);
    double[] rb = pageToPhoto.apply(text.right, text.bottom);
    double[] room = {
      Math.min(lt[0], rb[0]),
      Math.min(lt[1], rb[1]),
      style.width() - Math.max(lt[0], rb[0]),
      style.height() - Math.max(lt[1], rb[1])
    };
    boolean[] visible = new boolean[4];
    int widest = 0;
    for (int side = 0; side < 4; side++) {
      visible[side] = random.nextBoolean() && room[side] > height;
      widest = room[side] > room[widest] ? side : widest;
    }
    if (!visible[0] && !visible[1] && !visible[2] && !visible[3]) {
      visible[widest] = true;
    }
    double far = 1e7;
    double[] edges = new double[4];
    int[] textEdges = {text.left, text.top, text.right, text.bottom};
    for (int side = 0; side < 4; side++) {
      double distance = Math.max(0.3 * height, room[side] * (0.25 + 0.4 * random.nextDouble()));
      double sign = side < 2 ? -1 : 1;
      edges[side] = visible[side] ? textEdges[side] + sign * distance : sign * far;
    }
    return edges;
  }

  /** The centre of the circle whose inside is in shadow, in photo pixels; null for no shadow. */
  private static double[] shadowCentre(Style style, TextBlock text, Homography pageToPhoto) {
    Style.Light light = style.light();
    if (light.shadow() <= 0) {
      return null;
    }
    double[] centre =
        pageToPhoto.apply((text.left + text.right) / 2.0, (text.top + text.bottom) / 2.0);
    double cos = StrictMath.cos(light.shadowAngle());
    double sin = StrictMath.sin(light.shadowAngle());
    double radius = light.shadowRadius() * Math.min(style.width(), style.height());
    // The circle's edge crosses the text's centre line, shifted by a part of the text's width.
    double edgeShift = light.shadowOffset() * (text.right - text.left);
    return new double[] {
      centre[0] + (edgeShift + radius) * cos, centre[1] + (edgeShift + radius) * sin
    };
  }

  /**
   * Draws the page as the camera sees it, in full colour, before blur, noise and JPEG: the part of
   * the photo in {@code region}, with only the digits {@code drawn} accepts (their index counting
   * every digit, line after line).
   */
  static Raster paint(Plan plan, IntPredicate drawn, Box region) {
    Style style = plan.scene().style();
    int w = region.width();
    int h = region.height();
    InkCanvas ink = InkCanvas.of(plan.text(), drawn);
    Homography back = plan.pageToPhoto().inverse();
    double[] m = new double[9];
    for (int k = 0; k < 9; k++) {
      m[k] = back.coefficient(k);
    }
    Lighting light = new Lighting(style, plan.shadowCentre(), plan.shadowRadius());
    Style.Ink inkStyle = style.ink();
    Style.Rgb inkColour = inkStyle.colour();
    float[] red = new float[w * h];
    float[] green = new float[w * h];
    float[] blue = new float[w * h];
    float[] paper = new float[3];
    float[] lit = new float[3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double px = region.x() + x + 0.5;
        double py = region.y() + y + 0.5;
        double q = m[6] * px + m[7] * py + m[8];
        double u = (m[0] * px + m[1] * py + m[2]) / q;
        double v = (m[3] * px + m[4] * py + m[5]) / q;
        plan.paper().colour(u, v, paper);
        double a = ink.coverage(u, v);
        if (a > 0) {
          // Grain where the paper's tooth takes less ink, and pressure varying along the stroke.
          double grain = plan.noise().smooth(u, v, 1, 1, 3);
          double pressure = plan.noise().smooth(u, v, 0.2 * style.digitHeight(), 1, 4);
          a *= inkStyle.opacity() * (1 - inkStyle.grain() * grain) * (0.85 + 0.15 * pressure);
          paper[0] = (float) (paper[0] * (1 - a) + inkColour.r() * a);
          paper[1] = (float) (paper[1] * (1 - a) + inkColour.g() * a);
          paper[2] = (float) (paper[2] * (1 - a) + inkColour.b() * a);
        }
        light.at(px, py, lit);
        int i = y * w + x;
        red[i] = paper[0] * lit[0];
        green[i] = paper[1] * lit[1];
        blue[i] = paper[2] * lit[2];
      }
    }
    return new Raster(red, green, blue, w, h);
  }

  /** The camera: defocus, sensor noise, and 8 bits per channel. */
  static BufferedImage expose(Raster raster, Style.Camera camera, Noise noise) {
    int w = raster.width();
    int h = raster.height();
    float[][] planes = {
      Filters.blur(raster.red(), w, h, camera.blur()),
      Filters.blur(raster.green(), w, h, camera.blur()),
      Filters.blur(raster.blue(), w, h, camera.blur())
    };
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData(); // [h, w] 0xRRGGBB
    double sigma = camera.noise();
    for (int i = 0; i < pixels.length; i++) {
      // Mostly brightness noise, some colour noise, as a phone's sensor after its processing.
      double luma = 0.8 * sigma * noise.gaussian(4L * i);
      int rgb = 0;
      for (int c = 0; c < 3; c++) {
        double v = planes[c][i] + luma + 0.45 * sigma * noise.gaussian(4L * i + 1 + c);
        rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(v)));
      }
      pixels[i] = rgb;
    }
    return image;
  }

  /** Each digit's box in the photo, line by line: its ink pixels' corners mapped by the camera. */
  static List<List<Box>> boxes(Plan plan) {
    List<List<Box>> lines = new ArrayList<>();
    for (List<Scene.Digit> ignored : plan.scene().lines()) {
      lines.add(new ArrayList<>());
    }
    Homography camera = plan.pageToPhoto();
    int w = plan.scene().style().width();
    int h = plan.scene().style().height();
    for (TextBlock.Placed p : plan.text().digits) {
      double minX = Double.MAX_VALUE;
      double minY = Double.MAX_VALUE;
      double maxX = -Double.MAX_VALUE;
      double maxY = -Double.MAX_VALUE;
      DigitInk ink = p.ink();
      for (int y = 0; y < ink.height(); y++) {
        for (int x = 0; x < ink.width(); x++) {
          if (ink.coverage()[y * ink.width() + x] < DigitInk.INK) {
            continue;
          }
          for (int corner = 0; corner < 4; corner++) {
            double[] q = camera.apply(p.x() + x + (corner & 1), p.y() + y + (corner >> 1));
            minX = Math.min(minX, q[0]);
            maxX = Math.max(maxX, q[0]);
            minY = Math.min(minY, q[1]);
            maxY = Math.max(maxY, q[1]);
          }
        }
      }
      int left = Math.max(0, (int) Math.floor(minX));
      int top = Math.max(0, (int) Math.floor(minY));
      int right = Math.min(w, (int) Math.ceil(maxX));
      int bottom = Math.min(h, (int) Math.ceil(maxY));
      lines.get(p.line()).add(new Box(left, top, right - left, bottom - top));
    }
    return lines.stream().map(List::copyOf).toList();
  }

  /** JPEG bytes at {@code quality} in (0, 1], as a phone saves a photo. */
  static byte[] jpeg(BufferedImage image, double quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality((float) quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("PhotoRenderer: JPEG encoding failed in memory", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** The picture in JPEG bytes, as a reader of the photo would decode it. */
  static BufferedImage decode(byte[] jpeg) {
    try {
      // In memory, never through ImageIO's disk cache; ImageIO.read closes the stream.
      return ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
    } catch (IOException e) {
      throw new UncheckedIOException("PhotoRenderer: JPEG decoding failed in memory", e);
    }
  }
}
