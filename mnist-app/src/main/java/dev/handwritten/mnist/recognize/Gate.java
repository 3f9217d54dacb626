package dev.handwritten.mnist.recognize;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rejection gate: a small network, separate from the digit classifier, that looks at the same
 * 28 x 28 image and says whether it shows one digit, or a letter or symbol, a scribble, blank paper
 * or several digits ({@link Verdict.Kind}, in that order). An image whose probability of being a
 * digit is below the gate's {@link #threshold()} is rejected.
 *
 * <p>The gate never looks at the classifier, so a new classifier needs no new gate. Its threshold
 * was chosen on MNIST's validation split (see {@code docs/rejection.md}) and travels in the gate's
 * model file, under the metadata key {@value #THRESHOLD}; {@value #CLASSES} names its classes.
 */
public final class Gate {
  /** Where the gate shipped inside the app lives, as a class-path resource. */
  public static final String BUNDLED = "/models/gate.hwnn";

  /** The metadata key of the threshold on the probability of a digit, in [0, 1]. */
  public static final String THRESHOLD = "threshold";

  /** The metadata key of the class names, comma-separated, in {@link Verdict.Kind} order. */
  public static final String CLASSES = "classes";

  private final ModelFile.Loaded loaded;
  private final String source;
  private final float threshold;
  private Sequential own; // judge()'s replica, made on first use; guarded by this

  private Gate(ModelFile.Loaded loaded, String source, float threshold) {
    this.loaded = loaded;
    this.source = source;
    this.threshold = threshold;
  }

  /**
   * The gate shipped inside the app; empty for a build without one.
   *
   * @throws IOException if the bundled gate is not a valid gate file
   */
  public static Optional<Gate> bundled() throws IOException {
    try (var in = Gate.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        return Optional.empty();
      }
      String who = "bundled gate " + BUNDLED;
      return Optional.of(of(ModelFile.read(in.readAllBytes(), who), who));
    }
  }

  /**
   * A gate written by {@code mnist rejection train-gate}.
   *
   * @throws IOException naming the file when it is missing, not a model, or not a gate
   */
  public static Gate load(Path file) throws IOException {
    String who = "gate file " + file;
    return of(ModelFile.load(file), who);
  }

  /**
   * A gate read from a model file.
   *
   * @param who names it in messages, for example {@code "gate file runs/g/gate.hwnn"}
   * @throws IOException if the model does not take 28 x 28 images, does not have one output per
   *     {@link Verdict.Kind}, or lacks a valid threshold or class list in its metadata
   */
  public static Gate of(ModelFile.Loaded loaded, String who) throws IOException {
    Sequential model = loaded.model();
    Shape input = Shape.of(1, 28, 28);
    int kinds = Verdict.Kind.values().length;
    if (!model.sampleShape().equals(input)
        || !model.outputShape(input.batched(1)).equals(Shape.of(1, kinds))) {
      throw new IOException(
          who
              + ": expected a gate, a model from "
              + input
              + " to "
              + kinds
              + " classes, got one from "
              + model.sampleShape()
              + " to "
              + model.outputShape(model.sampleShape().batched(1)));
    }
    Map<String, String> metadata = loaded.metadata();
    String expected = classNames();
    if (!expected.equals(metadata.get(CLASSES))) {
      throw new IOException(
          who + ": expected classes '" + expected + "', got '" + metadata.get(CLASSES) + "'");
    }
    float threshold;
    try {
      threshold = Float.parseFloat(metadata.getOrDefault(THRESHOLD, "none"));
    } catch (NumberFormatException e) {
      threshold = Float.NaN;
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IOException(
          who
              + ": expected a threshold in [0, 1] under the metadata key '"
              + THRESHOLD
              + "', got '"
              + metadata.get(THRESHOLD)
              + "'; run 'mnist rejection calibrate' on it");
    }
    return new Gate(loaded, who, threshold);
  }

  /** The class names a gate file must list, e.g. {@code "digit,character,...,several_digits"}. */
  public static String classNames() {
    return String.join(
        ",",
        Arrays.stream(Verdict.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
  }

  /** An image is rejected when its probability of being a digit is below this. */
  public float threshold() {
    return threshold;
  }

  /** For example {@code "bundled gate /models/gate.hwnn"}. */
  public String source() {
    return source;
  }

  /** The model file's metadata: seed, training figures, threshold. */
  public Map<String, String> metadata() {
    return loaded.metadata();
  }

  /**
   * The gate's verdicts on a batch of prepared images, on this thread: callers take turns, on a
   * replica of the gate's own. For calibration and tests; a {@link Recognizer} with this gate
   * serves many threads at once.
   *
   * @param images {@code [N, 1, 28, 28]}, every value finite
   * @throws IllegalArgumentException if the images are not 28 x 28 or hold NaN or infinity
   */
  public synchronized List<Verdict> judge(Tensor images) {
    if (own == null) {
      own = loaded.replica();
    }
    Tensor logits = own.forward(images, Mode.EVAL); // [N, kinds]
    Tensor p = Tensor.zeros(logits.shape());
    SoftmaxCrossEntropy.softmax(logits, p);
    int kinds = Verdict.Kind.values().length;
    List<Verdict> out = new ArrayList<>();
    for (int i = 0; i < logits.shape().dim(0); i++) {
      out.add(verdict(p.data(), i * kinds));
    }
    return out;
  }

  /** The verdict on one image from the gate's class probabilities at {@code offset}. */
  Verdict verdict(float[] probabilities, int offset) {
    float digit = probabilities[offset + Verdict.Kind.DIGIT.ordinal()];
    if (digit >= threshold) {
      return new Verdict(false, Verdict.Kind.DIGIT, digit, threshold);
    }
    int best = 1; // the most likely kind of non-digit
    for (int k = 2; k < Verdict.Kind.values().length; k++) {
      if (probabilities[offset + k] > probabilities[offset + best]) {
        best = k;
      }
    }
    return new Verdict(true, Verdict.Kind.values()[best], digit, threshold);
  }

  Sequential model() {
    return loaded.model();
  }

  Sequential replica() {
    return loaded.replica();
  }
}
