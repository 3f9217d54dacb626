package dev.handwritten.mnist.reject;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.recognize.Gate;
import dev.handwritten.mnist.recognize.Verdict;
import dev.handwritten.mnist.synth.Category;
import dev.handwritten.mnist.synth.Generator;
import dev.handwritten.mnist.synth.Sample;
import dev.handwritten.tensor.Tensor;
import java.awt.Font;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the gate draws its line: the probability of a digit below which an image is rejected,
 * chosen on MNIST's validation split (training images that neither the classifier nor the gate
 * trained on; never the test set) so that at most a target share of real digits is rejected.
 *
 * <p>The digits count twice: as MNIST's images, which is what {@code evaluate} and the page reader
 * give the networks, and drawn on paper and prepared like a user's picture, which is what {@code
 * predict} gives them. The threshold rejects at most the target share of each.
 */
public final class GateCalibration {
  /** The seed of the validation digits drawn on paper. */
  public static final long DRAWN_SEED = 3;

  /** The share of validation digits the shipped threshold may reject. */
  public static final double TARGET = 0.01;

  private static final int BATCH = 500;

  private GateCalibration() {}

  /**
   * Validation digits in both forms.
   *
   * @param raw MNIST's images, {@code [N, 1, 28, 28]}
   * @param drawn the same digits drawn on paper and prepared, {@code [N, 1, 28, 28]}
   */
  public record Digits(Tensor raw, Tensor drawn) {}

  /**
   * The validation digits, raw and drawn on paper with {@link #DRAWN_SEED}.
   *
   * @param fonts any typefaces; drawing digits uses none, but a generator needs some
   */
  public static Digits digits(DataSet validation, Map<String, List<Font>> fonts, int threads) {
    Generator drawing = new Generator(fonts, validation, DRAWN_SEED, false);
    List<Sample> drawn = GateData.draw(drawing, Category.DIGIT, 0, validation.size(), threads);
    return new Digits(
        validation.images(), Batches.stack(drawn.stream().map(Sample::input).toList()));
  }

  /**
   * The gate with its threshold fitted: the largest threshold on its probability of a digit that
   * rejects at most {@code target} of the raw validation digits and at most {@code target} of the
   * drawn ones. The metadata records the threshold, the target and the shares it rejects.
   *
   * @param gate a gate file; its current threshold does not matter
   * @throws IOException if it is not a valid gate
   * @throws IllegalArgumentException if target is outside [0, 1)
   */
  public static ModelFile.Loaded calibrate(ModelFile.Loaded gate, Digits digits, double target)
      throws IOException {
    Gate judge = Gate.of(gate, "gate");
    float[] raw = scores(judge, digits.raw());
    float[] drawn = scores(judge, digits.drawn());
    float threshold =
        Math.min(
            Thresholds.atRejectionRate(raw, target), Thresholds.atRejectionRate(drawn, target));
    Map<String, String> metadata = new LinkedHashMap<>(gate.metadata());
    metadata.put(Gate.THRESHOLD, String.valueOf(threshold));
    metadata.put("target", String.valueOf(target));
    metadata.put("val_rejected", String.valueOf(Thresholds.rejected(raw, threshold)));
    metadata.put("val_drawn_rejected", String.valueOf(Thresholds.rejected(drawn, threshold)));
    return new ModelFile.Loaded(gate.architecture(), gate.model(), metadata);
  }

  /** The gate's probability of a digit for each image of {@code [N, 1, 28, 28]}. */
  public static float[] scores(Gate gate, Tensor images) {
    int n = images.shape().dim(0);
    int pixels = 28 * 28;
    float[] out = new float[n];
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      float[] x = Arrays.copyOfRange(images.data(), from * pixels, to * pixels);
      List<Verdict> verdicts = gate.judge(Tensor.of(x, to - from, 1, 28, 28));
      for (int i = from; i < to; i++) {
        out[i] = verdicts.get(i - from).score();
      }
    }
    return out;
  }
}
