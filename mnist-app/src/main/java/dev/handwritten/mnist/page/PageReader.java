package dev.handwritten.mnist.page;

import dev.handwritten.mnist.recognize.Recognizer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the handwritten number in a picture: evens out the lighting, finds the ink, removes printed
 * lines, groups the ink into lines of glyphs, splits glyphs that are several digits touching, makes
 * each digit MNIST-like and recognizes it.
 *
 * <pre>{@code
 * PageReader reader = new PageReader(Recognizer.bundled());
 * PageReading reading = reader.read(PictureDecoder.decode(Path.of("photo.jpg"), MAX_PIXELS));
 * reading.number();                    // "2024"
 * reading.digits().getFirst().box();   // where the 2 is, in the photo's pixels
 * }</pre>
 *
 * <p>Each stage is a small class with its own tests: {@link Lighting}, {@link Binarizer}, {@link
 * RuleRemover}, {@link Components}, {@link Layout}, {@link Splitter}, {@link MnistCrop}, {@link
 * WritingSize}; {@link #stages} draws what each of them saw. Safe to use from several threads at
 * once (it keeps no state between pictures; the recognizer is thread-safe).
 */
public final class PageReader {
  /**
   * The most pixels the stages work on; a larger picture is shrunk first. Four megapixels keep a
   * 20-pixel digit of a 12-megapixel photo about 12 pixels high.
   */
  public static final long WORKING_PIXELS = 4_000_000;

  private final Recognizer recognizer;

  public PageReader(Recognizer recognizer) {
    this.recognizer = recognizer;
  }

  /** Reads a decoded picture; boxes are in the photo's own pixels. */
  public PageReading read(PictureDecoder.Picture picture) {
    return read(picture.image(), picture.width(), picture.height()).reading();
  }

  /**
   * Reads a picture that is already oriented as it should be shown; boxes are in its pixels.
   *
   * @param picture at most a few tens of megapixels
   */
  public PageReading read(BufferedImage picture) {
    return read(picture, picture.getWidth(), picture.getHeight()).reading();
  }

  /**
   * What every stage produced for one picture, for looking at them, and how long each took ({@code
   * millis}, in stage order).
   */
  public record Stages(
      GrayImage lightness,
      GrayImage strength,
      InkMask ink,
      InkMask withoutLines,
      List<Box> glyphs,
      PageReading reading,
      List<float[]> crops,
      java.util.Map<String, Double> millis) {}

  /**
   * Reads a picture and keeps every stage's result, in the working image's pixels (boxes of the
   * reading excepted, which are in the picture's).
   */
  public Stages stages(BufferedImage picture) {
    return read(picture, picture.getWidth(), picture.getHeight());
  }

  /** {@link #stages(BufferedImage)} of a decoded picture; the reading's boxes in the photo's. */
  public Stages stages(PictureDecoder.Picture picture) {
    return read(picture.image(), picture.width(), picture.height());
  }

  private Stages read(BufferedImage image, int shownWidth, int shownHeight) {
    Timer timer = new Timer();
    GrayImage lightness = GrayImage.lightness(image, WORKING_PIXELS);
    timer.lap("lightness");
    Lighting.Probe probe = Lighting.probe(lightness);
    int stroke = probe.stroke();
    int block = Lighting.blockSize(lightness, stroke);
    GrayImage strength = Lighting.flatten(lightness, stroke, probe.lightInk());
    timer.lap("lighting");
    Binarizer.Marks marks = Binarizer.binarize(strength, block);
    InkMask ink = marks.ink();
    timer.lap("binarize");
    InkMask clean = RuleRemover.remove(ink, marks.faint(), stroke);
    timer.lap("lines");
    Components components = Components.of(clean);
    timer.lap("components");
    List<Layout.Line> lines = Layout.lines(components);
    timer.lap("layout");
    double toShown = shownWidth / (double) lightness.width();
    Splitter splitter = new Splitter(recognizer, strength, components.labels());
    List<ReadLine> read = new ArrayList<>();
    List<Box> glyphBoxes = new ArrayList<>();
    List<float[]> crops = new ArrayList<>();
    for (Layout.Line line : lines) {
      List<ReadDigit> digits = new ArrayList<>();
      for (Splitter.Part part : splitter.digits(line)) {
        glyphBoxes.add(part.box());
        crops.add(part.recognition().input());
        digits.add(
            new ReadDigit(
                clip(part.box().scaled(toShown), shownWidth, shownHeight), part.recognition()));
      }
      if (!digits.isEmpty()) {
        read.add(new ReadLine(digits));
      }
    }
    read = WritingSize.rejectStrayMarks(read);
    timer.lap("recognize");
    return new Stages(
        lightness,
        strength,
        ink,
        clean,
        glyphBoxes,
        new PageReading(shownWidth, shownHeight, read),
        crops,
        timer.laps());
  }

  /** Milliseconds per stage, in order. */
  private static final class Timer {
    private final java.util.LinkedHashMap<String, Double> laps = new java.util.LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String stage) {
      long now = System.nanoTime();
      laps.put(stage, (now - last) / 1e6);
      last = now;
    }

    java.util.Map<String, Double> laps() {
      return java.util.Collections.unmodifiableMap(laps);
    }
  }

  private static Box clip(Box box, int width, int height) {
    int x = Math.max(0, Math.min(box.x(), width - 1));
    int y = Math.max(0, Math.min(box.y(), height - 1));
    return new Box(
        x,
        y,
        Math.max(1, Math.min(box.right(), width) - x),
        Math.max(1, Math.min(box.bottom(), height) - y));
  }
}
