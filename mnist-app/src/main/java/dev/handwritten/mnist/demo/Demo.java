package dev.handwritten.mnist.demo;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.inspect.Explainer;
import dev.handwritten.mnist.inspect.Explanation;
import dev.handwritten.mnist.page.Box;
import dev.handwritten.mnist.page.PageReader;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.ReadDigit;
import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Plots;
import dev.handwritten.mnist.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recognizer at work, rendered into an {@link Animation}: digits drawn stroke by stroke with
 * the live bars and the picture the network sees, then why it answered (the saliency); a photo of a
 * number read, its boxes appearing one by one; and the training curves growing. Every answer is
 * computed as the serve page computes it: the drawing or photo read by the {@link PageReader}, the
 * insides by the {@link Explainer}.
 *
 * <pre>{@code
 * try (Animation out = Animation.open(Path.of("demo.gif"), Frame.WIDTH, Frame.HEIGHT)) {
 *   new Demo(Recognizer.bundled()).render(new Demo.Script(drawn, photo, history, "a short run"), out);
 * }
 * }</pre>
 */
public final class Demo {
  /** The frames' size in pixels. */
  public static final int WIDTH = Frame.WIDTH;

  public static final int HEIGHT = Frame.HEIGHT;

  /** Frames per second while something moves; holds are single long frames. */
  static final int STEP = 10; // centiseconds

  /** Frames it takes to draw one digit. */
  static final int DRAWING_FRAMES = 18;

  /**
   * What the demo shows.
   *
   * @param drawn 28 x 28 digits (ink high) to draw on the pad, one after another
   * @param photo 28 x 28 digits to write as a number in the photo
   * @param curves a training run's epochs, for the curves; empty to leave the curves out
   * @param curvesSource says where the run came from, under the curves
   */
  public record Script(
      List<float[]> drawn, List<float[]> photo, List<EpochMetrics> curves, String curvesSource) {

    /** Test-set images drawn on the pad: a 2, a 7 and a 5 that trace into clean strokes. */
    static final int[] DRAWN = {1, 0, 15};

    /** Test-set images written as the photo's number: 4 0 9 6. */
    static final int[] PHOTO = {4, 10, 7, 11};

    /** The demo's own digits from MNIST's test set, and the curves of {@code curves}. */
    public static Script standard(DataSet test, List<EpochMetrics> curves, String curvesSource) {
      return new Script(images(test, DRAWN), images(test, PHOTO), curves, curvesSource);
    }

    private static List<float[]> images(DataSet test, int[] indices) {
      List<float[]> images = new ArrayList<>();
      for (int i : indices) {
        images.add(Arrays.copyOfRange(test.images().data(), i * 784, (i + 1) * 784));
      }
      return List.copyOf(images);
    }
  }

  /** The photo the demo reads, for a script's digits. */
  static BufferedImage photoOf(List<float[]> digits) {
    return DemoPhoto.draw(digits, 640, 3);
  }

  private final PageReader reader;
  private final Explainer explainer;

  public Demo(Recognizer recognizer) {
    this.reader = new PageReader(recognizer);
    this.explainer = new Explainer(recognizer);
  }

  /** Renders every scene into {@code out}. */
  public void render(Script script, Animation out) throws IOException {
    for (float[] digit : script.drawn()) {
      drawing(digit, out);
    }
    if (!script.photo().isEmpty()) {
      photo(script.photo(), out);
    }
    if (!script.curves().isEmpty()) {
      curves(script.curves(), script.curvesSource(), out);
    }
    ending(out);
  }

  // ---- scene 1: a digit drawn stroke by stroke ----

  private void drawing(float[] digit, Animation out) throws IOException {
    List<List<Strokes.Point>> strokes = Strokes.of(digit);
    int points = strokes.stream().mapToInt(List::size).sum();
    Recognition last = null;
    String answer = "";
    for (int f = 1; f <= DRAWING_FRAMES; f++) {
      List<List<Strokes.Point>> partial =
          prefix(strokes, Math.round(points * f / (float) DRAWING_FRAMES));
      PageReading reading = reader.read(Strokes.picture(partial, 280));
      last = reading.digits().isEmpty() ? null : reading.digits().getFirst().recognition();
      answer = reading.number();
      Strokes.Point tip = f < DRAWING_FRAMES ? partial.getLast().getLast() : null;
      out.frame(drawingFrame(partial, tip, answer, last, null), STEP);
    }
    Explanation why = last == null ? null : explainer.explain(last.input());
    out.frame(drawingFrame(strokes, null, answer, last, why), 170);
  }

  /** The strokes up to {@code count} points, the last one cut where the pen is. */
  private static List<List<Strokes.Point>> prefix(List<List<Strokes.Point>> strokes, int count) {
    List<List<Strokes.Point>> out = new ArrayList<>();
    int left = Math.max(2, count);
    for (List<Strokes.Point> stroke : strokes) {
      if (left <= 0) {
        break;
      }
      out.add(stroke.subList(0, Math.min(stroke.size(), Math.max(2, left))));
      left -= stroke.size();
    }
    return out;
  }

  private BufferedImage drawingFrame(
      List<List<Strokes.Point>> strokes,
      Strokes.Point tip,
      String answer,
      Recognition r,
      Explanation why) {
    Frame frame = new Frame("1  drawn stroke by stroke");
    frame.card(16, 58, 368, 376, "Draw");
    int padX = 32;
    int padY = 90;
    int pad = 328;
    frame.g.setColor(Color.WHITE);
    frame.g.fillRect(padX, padY, pad, pad);
    frame.g.setColor(Frame.LINE);
    frame.g.drawRect(padX, padY, pad, pad);
    Shape clip = frame.g.getClip();
    frame.g.clipRect(padX, padY, pad, pad);
    frame.g.translate(padX, padY);
    Strokes.draw(frame.g, strokes, pad / 28.0, Frame.PEN);
    if (tip != null) {
      double s = pad / 28.0;
      frame.g.setColor(Frame.ACCENT);
      frame.g.fill(new Ellipse2D.Double(tip.x() * s - 6, tip.y() * s - 6, 12, 12));
    }
    frame.g.translate(-padX, -padY);
    frame.g.setClip(clip);

    frame.card(396, 58, 388, 376, "The network's answer");
    if (r == null) {
      frame.text("draw a digit", 412, 130, 28, Font.BOLD, Frame.MUTED);
    } else {
      frame.text(answer, 410, 140, 64, Font.BOLD, Frame.INK);
      frame.text(Frame.percent(r.probability()) + " sure", 412, 166, 13, Font.PLAIN, Frame.MUTED);
    }
    frame.bars(r == null ? null : r.probabilities(), 412, 190, 168, 23);
    frame.seen(r == null ? null : r.input(), 660, 90, 4);
    frame.text("what the network", 660, 218, 11, Font.PLAIN, Frame.MUTED);
    frame.text("sees: 28 x 28", 660, 232, 11, Font.PLAIN, Frame.MUTED);
    if (why != null) {
      frame.saliency(why.recognition().input(), why.smoothSaliency(), 660, 250, 4);
      frame.text("why " + why.digit() + ": saliency", 660, 378, 11, Font.BOLD, Frame.INK);
      frame.text("red: ink that says " + why.digit(), 660, 392, 10, Font.PLAIN, Frame.MUTED);
      frame.text("blue: ink against it", 660, 405, 10, Font.PLAIN, Frame.MUTED);
    }
    return frame.done();
  }

  // ---- scene 2: a photo of a number, read ----

  private void photo(List<float[]> digits, Animation out) throws IOException {
    BufferedImage photo = photoOf(digits);
    PageReading reading = reader.read(photo);
    List<ReadDigit> read = reading.digits();
    out.frame(photoFrame(photo, read, 0), 80);
    for (int k = 1; k <= read.size(); k++) {
      out.frame(photoFrame(photo, read, k), 50);
    }
    out.frame(photoFrame(photo, read, read.size()), 220);
  }

  private BufferedImage photoFrame(BufferedImage photo, List<ReadDigit> read, int shown) {
    Frame frame = new Frame("2  a photo, read");
    frame.card(16, 58, 480, 376, "A photo of a number");
    double scale = Math.min(448.0 / photo.getWidth(), 328.0 / photo.getHeight());
    int w = (int) Math.round(photo.getWidth() * scale);
    int h = (int) Math.round(photo.getHeight() * scale);
    int x = 32 + (448 - w) / 2;
    int y = 90 + (328 - h) / 2;
    frame.g.drawImage(photo, x, y, w, h, null);
    frame.g.setStroke(new BasicStroke(3));
    for (int i = 0; i < shown; i++) {
      ReadDigit d = read.get(i);
      Box b = d.box();
      boolean sure = d.recognition().probability() >= 0.9;
      frame.g.setColor(sure ? Frame.SURE : Frame.UNSURE);
      int bx = x + (int) Math.round(b.x() * scale);
      int by = y + (int) Math.round(b.y() * scale);
      frame.g.drawRect(
          bx, by, (int) Math.round(b.width() * scale), (int) Math.round(b.height() * scale));
      frame.text(
          Integer.toString(d.recognition().digit()),
          bx,
          by - 6,
          18,
          Font.BOLD,
          sure ? new Color(0x15803D) : new Color(0xB45309));
    }
    frame.card(508, 58, 276, 376, "The number read");
    StringBuilder number = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      number.append(read.get(i).recognition().digit());
    }
    if (shown == 0) {
      frame.text("reading...", 524, 130, 26, Font.BOLD, Frame.MUTED);
    } else {
      frame.text(number.toString(), 522, 138, 56, Font.BOLD, Frame.INK);
    }
    frame.text("each digit as the network sees it:", 524, 190, 12, Font.PLAIN, Frame.MUTED);
    for (int i = 0; i < shown; i++) {
      int cx = 524 + (i % 4) * 62;
      int cy = 204 + (i / 4) * 90;
      Recognition r = read.get(i).recognition();
      frame.seen(r.input(), cx, cy, 2);
      frame.text(
          r.digit() + "  " + Frame.percent(r.probability()), cx, cy + 74, 11, Font.BOLD, Frame.INK);
    }
    frame.text("found, cropped, scaled and centred", 524, 404, 11, Font.PLAIN, Frame.MUTED);
    frame.text("like MNIST by the page reader", 524, 418, 11, Font.PLAIN, Frame.MUTED);
    return frame.done();
  }

  // ---- scene 3: the training curves, growing ----

  private void curves(List<EpochMetrics> epochs, String source, Animation out) throws IOException {
    for (int k = 1; k <= epochs.size(); k++) {
      out.frame(curvesFrame(epochs, k, source), k == epochs.size() ? 280 : 40);
    }
  }

  private BufferedImage curvesFrame(List<EpochMetrics> epochs, int shown, String source) {
    Frame frame = new Frame("3  how it learned");
    frame.card(16, 58, 376, 352, null);
    frame.card(408, 58, 376, 352, null);
    frame.g.drawImage(Plots.growingLossCurves(epochs, shown, 360, 336), 24, 66, null);
    frame.g.drawImage(Plots.growingAccuracyCurves(epochs, shown, 360, 336), 416, 66, null);
    EpochMetrics e = epochs.get(shown - 1);
    frame.text(
        String.format(
            java.util.Locale.ROOT,
            "epoch %d of %d: validation accuracy %.2f%%  -  %s",
            e.epoch(),
            epochs.size(),
            100 * e.valAccuracy(),
            source),
        20,
        434,
        12,
        Font.PLAIN,
        Frame.MUTED);
    return frame.done();
  }

  // ---- the end: where to try it ----

  private static void ending(Animation out) throws IOException {
    Frame frame = new Frame("try it yourself");
    frame.card(16, 58, 768, 376, null);
    frame.text("./mnist serve", 220, 200, 44, Font.BOLD, Frame.INK);
    frame.text(
        "then draw in your browser at http://127.0.0.1:8080",
        222,
        240,
        18,
        Font.PLAIN,
        Frame.MUTED);
    frame.text(
        "pure Java: no native code, no Python, nothing from the internet",
        222,
        270,
        14,
        Font.PLAIN,
        Frame.MUTED);
    out.frame(frame.done(), 260);
  }
}
