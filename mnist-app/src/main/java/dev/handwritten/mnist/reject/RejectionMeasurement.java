package dev.handwritten.mnist.reject;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.synth.Category;
import dev.handwritten.mnist.synth.FontCatalog;
import dev.handwritten.mnist.synth.Generator;
import dev.handwritten.mnist.synth.Sample;
import dev.handwritten.tensor.Tensor;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures the rejection: how many MNIST test digits it turns away (false rejections), and how many
 * generated non-digits it catches, per category, for the gate and, beside it, for two scores of the
 * classifier alone: its maximum softmax probability after temperature scaling, and its energy.
 *
 * <p>Everything measured is kept apart from what the gate was fitted on: the non-digits are written
 * in other typefaces ({@link FontCatalog.Use#MEASURE}) with another seed, and the digits (alone,
 * drawn, or two in a box) come from MNIST's test split. The classifier's scores get their
 * temperature and thresholds from the validation split, by the gate's own rule ({@link
 * GateCalibration}).
 */
public final class RejectionMeasurement {
  /** Pictures of each category in the galleries. */
  private static final int PER_CATEGORY = 12;

  /** False rejections in their gallery. */
  private static final int EXAMPLES = 64;

  private RejectionMeasurement() {}

  /**
   * What to measure on.
   *
   * @param perCategory generated pictures of each category
   * @param seed of the generated pictures; the gate's fitting uses others
   * @param threads for drawing pictures and running the networks; the figures do not depend on it
   */
  public record Settings(int perCategory, long seed, int threads) {}

  /**
   * One kind of picture and the share of it each score rejects.
   *
   * @param pictures what they show, in words
   * @param count how many
   * @param digits whether they are digits, so that a rejection is a false one
   * @param gate the share the gate rejects; NaN when there are no such pictures
   * @param maxSoftmax the share the classifier's temperature-scaled maximum softmax rejects
   * @param energy the share the classifier's energy score rejects
   */
  public record Row(
      String pictures, int count, boolean digits, double gate, double maxSoftmax, double energy) {}

  /**
   * The measurement.
   *
   * @param rows digits first, then each category of non-digit, then the totals
   * @param gateThreshold the gate's threshold on its probability of a digit
   * @param temperature fitted on the validation split for the classifier's scores
   * @param maxSoftmaxThreshold the threshold on the scaled maximum softmax
   * @param energyThreshold the threshold on the energy score, {@code T logsumexp(z / T)}
   * @param unprepared generated pictures in which the preparation found no ink at all (counted as
   *     rejected by every score: the app says "no digit found" before any network runs)
   * @param examples the first pictures of each category as the networks saw them, with the
   *     recognizer's answers
   * @param missed non-digits without a digit's shape that the gate let through, the first few of
   *     each category
   * @param falseRejections MNIST test digits the gate rejected, the first few
   */
  public record Result(
      List<Row> rows,
      float gateThreshold,
      double temperature,
      float maxSoftmaxThreshold,
      float energyThreshold,
      int unprepared,
      List<Example> examples,
      List<Example> missed,
      List<Example> falseRejections) {

    /** The rows as a Markdown table, with each score's threshold in its heading. */
    public String table() {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "| pictures | count | gate (p(digit) < %.4f) | max softmax (T = %.3f, < %.4f)"
                  + " | energy (T = %.3f, < %.3f) |%n",
              gateThreshold,
              temperature,
              maxSoftmaxThreshold,
              temperature,
              energyThreshold));
      out.append("| --- | ---: | ---: | ---: | ---: |\n");
      for (Row r : rows) {
        String label = r.digits() ? r.pictures() + " (rejected by mistake)" : r.pictures();
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %s | %s | %s |%n",
                label.startsWith("  ") ? "&nbsp;&nbsp;" + label.strip() : label,
                r.count(),
                percent(r.gate()),
                percent(r.maxSoftmax()),
                percent(r.energy())));
      }
      return out.toString();
    }

    private static String percent(double share) {
      return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }
  }

  /**
   * One picture as the networks saw it, for the galleries.
   *
   * @param category what it shows
   * @param what in words
   * @param input 28 x 28
   * @param recognition the recognizer's answer
   */
  public record Example(Category category, String what, float[] input, Recognition recognition) {}

  /** The scores of one set of pictures. */
  private record Scored(float[] gate, boolean[] gateRejected, float[] maxSoftmax, float[] energy) {}

  /**
   * Measures {@code recognizer}'s gate, and its classifier's scores.
   *
   * @param recognizer one model, with a gate
   * @param validation MNIST's validation split, as the gate was calibrated on it
   * @param test MNIST's test split, or the part of it to measure on
   * @param fitting the typefaces the gate was fitted with, for the drawn validation digits
   * @param measuring the typefaces to write the measured characters in, which the gate never saw
   * @param progress hears a line per step
   * @throws IllegalArgumentException if the recognizer has no gate or several models, or there are
   *     no typefaces
   */
  public static Result measure(
      Recognizer recognizer,
      DataSet validation,
      DataSet test,
      Map<String, List<Font>> fitting,
      Map<String, List<Font>> measuring,
      Settings settings,
      Consumer<String> progress) {
    if (recognizer.gate().isEmpty() || recognizer.models().size() != 1) {
      throw new IllegalArgumentException(
          "RejectionMeasurement: expected one model with a gate, got "
              + recognizer.models().size()
              + " models"
              + (recognizer.gate().isEmpty() ? " and no gate" : ""));
    }
    int threads = settings.threads();
    float gateThreshold = recognizer.gate().orElseThrow().threshold();

    progress.accept("validation split: fitting the temperature and the classifier's thresholds");
    GateCalibration.Digits val = GateCalibration.digits(validation, fitting, threads);
    float[] valLogits = Batches.logits(recognizer, val.raw(), threads);
    double temperature =
        TemperatureScaling.fit(valLogits, validation.labels(), recognizer.classes());
    Scored valRaw = score(recognizer, val.raw(), temperature, threads);
    Scored valDrawn = score(recognizer, val.drawn(), temperature, threads);
    double target = GateCalibration.TARGET;
    float mspThreshold =
        Math.min(
            Thresholds.atRejectionRate(valRaw.maxSoftmax(), target),
            Thresholds.atRejectionRate(valDrawn.maxSoftmax(), target));
    float energyThreshold =
        Math.min(
            Thresholds.atRejectionRate(valRaw.energy(), target),
            Thresholds.atRejectionRate(valDrawn.energy(), target));
    Cut cut = new Cut(gateThreshold, mspThreshold, energyThreshold);

    List<Row> rows = new ArrayList<>();
    List<Example> examples = new ArrayList<>();
    List<Example> missed = new ArrayList<>();
    List<Example> falseRejections = new ArrayList<>();
    progress.accept("test split: " + test.size() + " digits, as they are and drawn on paper");
    List<Recognition> testAnswers = Batches.recognize(recognizer, test.images(), threads);
    rows.add(
        cut.row(
            "MNIST test digits",
            true,
            score(recognizer, test.images(), testAnswers, temperature, threads),
            null));
    for (int i = 0; i < testAnswers.size() && falseRejections.size() < EXAMPLES; i++) {
      Recognition r = testAnswers.get(i);
      if (r.rejected()) {
        falseRejections.add(
            new Example(Category.DIGIT, "#" + i + ", a " + test.labels()[i], r.input(), r));
      }
    }
    Generator generator = new Generator(measuring, test, settings.seed(), true);
    List<Sample> drawnTest = GateData.draw(generator, Category.DIGIT, 0, test.size(), threads);
    rows.add(
        cut.row(
            "MNIST test digits drawn on paper",
            true,
            score(
                recognizer,
                Batches.stack(drawnTest.stream().map(Sample::input).toList()),
                temperature,
                threads),
            null));

    int unprepared = 0;
    List<Row> nonDigits = new ArrayList<>();
    List<Row> unambiguous = new ArrayList<>();
    for (Category category : Category.values()) {
      if (category == Category.DIGIT) {
        continue;
      }
      progress.accept(settings.perCategory() + " " + category.description());
      List<Sample> samples = GateData.draw(generator, category, 0, settings.perCategory(), threads);
      Tensor inputs = Batches.stack(samples.stream().map(Sample::input).toList());
      List<Recognition> answers = Batches.recognize(recognizer, inputs, threads);
      Scored scored = score(recognizer, inputs, answers, temperature, threads);
      boolean[] prepared = new boolean[samples.size()];
      boolean[] ambiguous = new boolean[samples.size()];
      int shown = 0;
      for (int i = 0; i < samples.size(); i++) {
        prepared[i] = samples.get(i).prepared();
        ambiguous[i] = samples.get(i).ambiguous();
        unprepared += prepared[i] ? 0 : 1;
        Sample s = samples.get(i);
        Example example = new Example(category, s.what(), s.input(), answers.get(i));
        if (i < PER_CATEGORY) {
          examples.add(example);
        }
        boolean plainMiss = prepared[i] && !ambiguous[i] && !answers.get(i).rejected();
        if (!category.isDigit() && plainMiss && shown < PER_CATEGORY) {
          missed.add(example);
          shown++;
        }
      }
      Row all = cut.row(category.description(), category.isDigit(), scored, prepared);
      rows.add(all);
      if (category.isDigit()) {
        continue;
      }
      nonDigits.add(all);
      if (category.mayBeDigitShaped()) {
        Row plain = cut.subset("  without digit-shaped ones", scored, prepared, ambiguous, false);
        Row shaped = cut.subset("  digit-shaped ones only", scored, prepared, ambiguous, true);
        rows.add(plain);
        rows.add(shaped);
        unambiguous.add(plain);
      } else {
        unambiguous.add(all);
      }
    }
    rows.add(total("all non-digits, digit-shaped ones left out", unambiguous));
    rows.add(total("all non-digits", nonDigits));
    return new Result(
        rows,
        gateThreshold,
        temperature,
        mspThreshold,
        energyThreshold,
        unprepared,
        examples,
        missed,
        falseRejections);
  }

  /** The rows' pooled shares, each weighted by its count. */
  private static Row total(String label, List<Row> rows) {
    int count = 0;
    double gate = 0;
    double msp = 0;
    double energy = 0;
    for (Row r : rows) {
      if (r.count() == 0) {
        continue;
      }
      count += r.count();
      gate += r.gate() * r.count();
      msp += r.maxSoftmax() * r.count();
      energy += r.energy() * r.count();
    }
    return new Row(label, count, false, gate / count, msp / count, energy / count);
  }

  private static Scored score(
      Recognizer recognizer, Tensor images, double temperature, int threads) {
    return score(
        recognizer, images, Batches.recognize(recognizer, images, threads), temperature, threads);
  }

  private static Scored score(
      Recognizer recognizer,
      Tensor images,
      List<Recognition> answers,
      double temperature,
      int threads) {
    int n = answers.size();
    int classes = recognizer.classes();
    float[] logits = Batches.logits(recognizer, images, threads);
    float[] gate = new float[n];
    boolean[] gateRejected = new boolean[n];
    float[] msp = new float[n];
    float[] energy = new float[n];
    for (int i = 0; i < n; i++) {
      gate[i] = answers.get(i).verdict().score();
      gateRejected[i] = answers.get(i).rejected();
      msp[i] = (float) ClassifierScores.maxSoftmax(logits, i * classes, classes, temperature);
      energy[i] = (float) ClassifierScores.energy(logits, i * classes, classes, temperature);
    }
    return new Scored(gate, gateRejected, msp, energy);
  }

  /** The three thresholds, and the shares they reject. */
  private record Cut(float gate, float maxSoftmax, float energy) {
    Row row(String label, boolean digits, Scored s, boolean[] prepared) {
      boolean[] all = new boolean[s.gate().length];
      return subset(label, digits, s, prepared, all, false);
    }

    Row subset(String label, Scored s, boolean[] prepared, boolean[] flag, boolean wanted) {
      return subset(label, false, s, prepared, flag, wanted);
    }

    /** The shares rejected among the images whose {@code flag} is {@code wanted}. */
    private Row subset(
        String label,
        boolean digits,
        Scored s,
        boolean[] prepared,
        boolean[] flag,
        boolean wanted) {
      int count = 0;
      int gateCount = 0;
      int mspCount = 0;
      int energyCount = 0;
      for (int i = 0; i < s.gate().length; i++) {
        if (flag[i] != wanted) {
          continue;
        }
        boolean refused = prepared != null && !prepared[i];
        count++;
        gateCount += refused || s.gateRejected()[i] ? 1 : 0;
        mspCount += refused || s.maxSoftmax()[i] < maxSoftmax ? 1 : 0;
        energyCount += refused || s.energy()[i] < energy ? 1 : 0;
      }
      double n = count == 0 ? Double.NaN : count; // no pictures: no share to speak of
      return new Row(label, count, digits, gateCount / n, mspCount / n, energyCount / n);
    }
  }
}
