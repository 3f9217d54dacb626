package dev.handwritten.mnist.serve;

import dev.handwritten.layers.Layer;
import dev.handwritten.mnist.inspect.Explainer;
import dev.handwritten.mnist.inspect.Explanation;
import dev.handwritten.mnist.inspect.FeatureMaps;
import dev.handwritten.mnist.page.Box;
import dev.handwritten.mnist.page.PageReader;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.PictureDecoder;
import dev.handwritten.mnist.page.PictureReport;
import dev.handwritten.mnist.page.ReadDigit;
import dev.handwritten.mnist.page.ReadLine;
import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's answers, computed with the app's own pipeline: a picture is read by the {@link
 * PageReader} (several digits, boxes, the photo issue's stages), a JSON image is recognized as it
 * is, and both answer in {@code predict --json}'s shape ({@link PictureReport}).
 */
final class Answers {
  /** The most digits of one picture that {@code /api/explain} looks inside. */
  static final int MAX_EXPLAINED = 10;

  private final Recognizer recognizer;
  private final PageReader reader;
  private final Explainer explainer;
  private final long maxPixels;

  Answers(Recognizer recognizer, long maxPixels) {
    this.recognizer = recognizer;
    this.reader = new PageReader(recognizer);
    this.explainer = new Explainer(recognizer);
    this.maxPixels = maxPixels;
  }

  /** {@code POST /api/predict}. */
  PictureReport predict(Requests.Body body) throws ApiError {
    return PictureReport.of(body.name(), read(body));
  }

  /**
   * {@code POST /api/explain}: the reading, and its digits looked inside: the first {@link
   * #MAX_EXPLAINED}, or only digit {@code only} (0 for the first) when it is not null.
   */
  ExplainReport explain(Requests.Body body, Integer only) throws ApiError {
    PageReading reading = read(body);
    List<ReadDigit> digits = reading.digits();
    if (only != null && (only < 0 || only >= digits.size())) {
      throw new ApiError(
          400,
          "digit="
              + only
              + ": "
              + body.name()
              + " has "
              + digits.size()
              + (digits.size() == 1 ? " digit" : " digits")
              + ", counted from 0");
    }
    if (only != null) {
      digits = List.of(digits.get(only));
    }
    List<ExplainReport.DigitExplanation> explained = new ArrayList<>();
    for (ReadDigit d : digits) {
      if (explained.size() == MAX_EXPLAINED) {
        break;
      }
      Explanation e = explainer.explain(d.recognition().input());
      List<ExplainReport.Maps> maps = new ArrayList<>();
      for (FeatureMaps m : e.featureMaps()) {
        maps.add(
            new ExplainReport.Maps(
                m.layer(), m.channels(), m.height(), m.width(), rounded(m.values(), 1e3)));
      }
      explained.add(
          new ExplainReport.DigitExplanation(
              e.digit(),
              rounded(e.recognition().input(), 1e4),
              exact(e.saliency()),
              exact(e.smoothSaliency()),
              maps));
    }
    return new ExplainReport(PictureReport.of(body.name(), reading), explained);
  }

  /** {@code GET /api/model}. */
  ModelReport model(Limits limits) {
    List<String> layers =
        recognizer.withModels(
            models -> models.getFirst().layers().stream().map(Layer::toString).toList());
    return new ModelReport(
        recognizer.describe(),
        recognizer.models(),
        recognizer.sampleShape().dims(),
        recognizer.classes(),
        layers,
        ModelReport.LimitsReport.of(limits));
  }

  private PageReading read(Requests.Body body) throws ApiError {
    return switch (body) {
      case Requests.Picture picture -> readPicture(picture);
      case Requests.Image image -> readImage(image);
    };
  }

  private PageReading readPicture(Requests.Picture picture) throws ApiError {
    PictureDecoder.Picture decoded;
    try {
      decoded = PictureDecoder.decode(picture.bytes(), picture.name(), maxPixels);
    } catch (PictureDecoder.TooLarge e) {
      throw new ApiError(413, e.getMessage() + " (this server's --max-megapixels)");
    } catch (IOException e) {
      throw new ApiError(400, e.getMessage());
    }
    return reader.read(decoded);
  }

  /**
   * One prepared image, recognized as it is, its box the one around its ink; no digit at all when
   * no pixel reaches {@link Requests#INK}, since blank paper is no digit.
   */
  private PageReading readImage(Requests.Image image) {
    int side = Requests.SIDE;
    float[] pixels = image.pixels();
    int left = side;
    int right = -1;
    int top = side;
    int bottom = -1;
    boolean inked = false;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        float v = pixels[y * side + x];
        inked |= v >= Requests.INK;
        if (v > 0) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    if (!inked) {
      return new PageReading(side, side, List.of());
    }
    Box box = new Box(left, top, right - left + 1, bottom - top + 1);
    ReadDigit digit = new ReadDigit(box, recognizer.recognize(pixels));
    return new PageReading(side, side, List.of(new ReadLine(List.of(digit))));
  }

  /** Each value rounded to {@code 1 / scale}: the page draws them, it needs no more. */
  private static double[] rounded(float[] values, double scale) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.round(values[i] * scale) / scale;
    }
    return out;
  }

  /** Each value as the float it is, printed as its shortest decimal. */
  private static double[] exact(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.parseDouble(Float.toString(values[i]));
    }
    return out;
  }
}
