package dev.handwritten.mnist.reject;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.LayerSpec;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.model.Presets;
import dev.handwritten.mnist.recognize.Gate;
import dev.handwritten.mnist.recognize.Verdict;
import dev.handwritten.mnist.synth.Category;
import dev.handwritten.mnist.synth.FontCatalog;
import dev.handwritten.mnist.synth.Generator;
import dev.handwritten.mnist.train.Augmentation;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Trainer;
import dev.handwritten.optim.LearningRateSchedule;
import dev.handwritten.tensor.Shape;
import java.awt.Font;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rejection gate: a small CNN, separate from the digit classifier, that tells one digit from a
 * letter or symbol, a scribble, blank paper and several digits. Trained with the app's own {@link
 * Trainer}; since it never looks at the classifier, the classifier can be replaced without training
 * it again.
 */
public final class GateTraining {
  /**
   * Three blocks of Conv 3x3 (padding 1) + BatchNorm + ReLU + MaxPool 2 with 24, 48 and 96
   * channels, Dropout 0.3, Dense to the {@link Verdict.Kind}s.
   */
  public static final Architecture ARCHITECTURE =
      new Architecture(
          "gate",
          Shape.of(1, 28, 28),
          List.of(
              new LayerSpec.NormalizeSpec(Presets.MNIST_MEAN, Presets.MNIST_STD),
              new LayerSpec.Conv(1, 24, 3, 1, 1),
              new LayerSpec.BatchNorm2dSpec(24, 0.1, 1e-5),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.Conv(24, 48, 3, 1, 1),
              new LayerSpec.BatchNorm2dSpec(48, 0.1, 1e-5),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.Conv(48, 96, 3, 1, 1),
              new LayerSpec.BatchNorm2dSpec(96, 0.1, 1e-5),
              new LayerSpec.ReluSpec(),
              new LayerSpec.MaxPool(2, 2),
              new LayerSpec.FlattenSpec(),
              new LayerSpec.DropoutSpec(0.3),
              new LayerSpec.DenseSpec(96 * 3 * 3, Verdict.Kind.values().length)));

  /**
   * Generated training pictures of each category, for the 54,000 digits of MNIST's training split
   * without its validation images; a shorter run ({@link Recipe#limit}) draws proportionally fewer.
   * Letters weigh most: there are many of them and their shapes vary most.
   */
  static final Map<Category, Integer> COUNTS =
      new EnumMap<>(
          Map.of(
              Category.FONT_DIGIT, 6000,
              Category.LETTER, 16000,
              Category.SYMBOL, 12000,
              Category.SCRIBBLE, 5000,
              Category.FRAGMENT, 5000,
              Category.BLANK, 3000,
              Category.TWO_DIGITS, 10000));

  /** The training digits {@link #COUNTS} are meant for. */
  private static final int FULL = 54_000;

  /**
   * How a gate is trained.
   *
   * @param epochs passes over the training pictures
   * @param batchSize pictures per step
   * @param learningRate the peak of the one-cycle schedule
   * @param seed the weights, the shuffling, the dropout and every generated training picture
   * @param threads for drawing pictures and training; the result does not depend on it
   * @param validation MNIST training images held out, as for the classifier: the gate is neither
   *     trained nor calibrated on what it is measured on
   * @param splitSeed the seed that chose them, the classifier's {@code --seed}
   * @param limit use only the first this many of the remaining training digits; 0 for all
   */
  public record Recipe(
      int epochs,
      int batchSize,
      double learningRate,
      long seed,
      int threads,
      int validation,
      long splitSeed,
      int limit) {}

  /**
   * Trains a gate on MNIST's training digits against generated non-digits in the fitting typefaces,
   * then fits its threshold on the validation split ({@link GateCalibration}).
   *
   * @param mnist MNIST's training split, all of it
   * @param log hears a line per stage
   * @return the gate, its threshold and how it was made in its metadata, ready to be saved
   * @throws IllegalArgumentException if there are no fitting typefaces or the recipe does not fit
   *     the data
   */
  public static ModelFile.Loaded make(
      DataSet mnist,
      FontCatalog fonts,
      Recipe recipe,
      Consumer<String> log,
      Trainer.Listener listener) {
    Map<String, List<Font>> fitting = fonts.typefaces(FontCatalog.Use.FIT);
    DataSet.Split split = mnist.split(recipe.validation(), recipe.splitSeed());
    DataSet digits = split.train();
    if (recipe.limit() > 0 && recipe.limit() < digits.size()) {
      digits = digits.subset(0, recipe.limit());
    }
    double scale = digits.size() / (double) FULL;
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    Map<Category, Integer> validationCounts = new EnumMap<>(Category.class);
    COUNTS.forEach(
        (c, n) -> {
          counts.put(c, Math.max(1, (int) Math.round(n * scale)));
          validationCounts.put(c, Math.max(1, (int) Math.round(n * scale / 10)));
        });
    long start = System.nanoTime();
    log.accept(
        "Drawing the training pictures: "
            + digits.size()
            + " MNIST digits, half of them on paper, and "
            + counts
            + " in "
            + fonts.describe(FontCatalog.Use.FIT));
    Generator training = new Generator(fitting, digits, recipe.seed(), false);
    DataSet train = GateData.build(training, counts, Map.of(), recipe.threads());
    // The per-epoch validation pictures: the held-out digits, and the samples after the training
    // ones, so that no picture is in both.
    Generator held = new Generator(fitting, split.validation(), recipe.seed(), false);
    DataSet validation = GateData.build(held, validationCounts, counts, recipe.threads());
    double drawSeconds = (System.nanoTime() - start) / 1e9;
    log.accept(
        String.format(
            Locale.ROOT,
            "%,d training and %,d validation pictures in %.0f s",
            train.size(),
            validation.size(),
            drawSeconds));

    Trainer.Config config =
        new Trainer.Config(
            recipe.epochs(),
            recipe.batchSize(),
            recipe.learningRate(),
            recipe.seed(),
            recipe.threads(),
            new LearningRateSchedule.OneCycle(recipe.learningRate(), recipe.epochs(), 0.3),
            0,
            Augmentation.STANDARD,
            0,
            0);
    Trained trained = train(train, validation, config, listener);
    double trainSeconds = (System.nanoTime() - start) / 1e9 - drawSeconds;

    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(Gate.CLASSES, Gate.classNames());
    metadata.put("seed", String.valueOf(recipe.seed()));
    metadata.put("epochs", String.valueOf(recipe.epochs()));
    metadata.put("batch_size", String.valueOf(recipe.batchSize()));
    metadata.put("learning_rate", String.valueOf(recipe.learningRate()));
    metadata.put("validation", String.valueOf(recipe.validation()));
    metadata.put("split_seed", String.valueOf(recipe.splitSeed()));
    metadata.put("training_digits", String.valueOf(digits.size()));
    counts.forEach((c, n) -> metadata.put("pictures_" + c.name().toLowerCase(Locale.ROOT), "" + n));
    metadata.put("typefaces", String.join(", ", fitting.keySet()));
    metadata.put("val_accuracy", String.valueOf(trained.history().getLast().valAccuracy()));
    metadata.put("draw_seconds", String.format(Locale.ROOT, "%.0f", drawSeconds));
    metadata.put("train_seconds", String.format(Locale.ROOT, "%.0f", trainSeconds));
    metadata.put("created", LocalDateTime.now(ZoneOffset.UTC).toString());
    metadata.put(Gate.THRESHOLD, "0");
    ModelFile.Loaded uncalibrated = new ModelFile.Loaded(ARCHITECTURE, trained.model(), metadata);

    log.accept("Fitting the threshold on the " + split.validation().size() + " validation digits");
    GateCalibration.Digits val =
        GateCalibration.digits(split.validation(), fitting, recipe.threads());
    ModelFile.Loaded calibrated;
    Gate gate;
    try {
      calibrated = GateCalibration.calibrate(uncalibrated, val, GateCalibration.TARGET);
      gate = Gate.of(calibrated, "the new gate");
    } catch (IOException e) {
      throw new IllegalStateException("GateTraining: the new gate is not a valid gate", e);
    }
    // A first look at what it rejects, on held-out pictures of the fitting typefaces: the real
    // measurement, on other typefaces, is RejectionMeasurement's.
    float[] scores = GateCalibration.scores(gate, validation.images());
    int nonDigits = 0;
    int rejected = 0;
    for (int i = 0; i < scores.length; i++) {
      if (validation.labels()[i] != Verdict.Kind.DIGIT.ordinal()) {
        nonDigits++;
        rejected += scores[i] < gate.threshold() ? 1 : 0;
      }
    }
    Map<String, String> finished = new LinkedHashMap<>(calibrated.metadata());
    finished.put("val_nondigits_rejected", String.valueOf(rejected / (double) nonDigits));
    log.accept(
        String.format(
            Locale.ROOT,
            "It rejects %.2f%% of %,d held-out non-digits in the fitting typefaces",
            100.0 * rejected / nonDigits,
            nonDigits));
    return new ModelFile.Loaded(ARCHITECTURE, trained.model(), finished);
  }

  private GateTraining() {}

  /**
   * A gate trained on {@code train}, validated after each epoch on {@code validation}.
   *
   * @param config its seed also seeds the weights
   * @return the trained model, and one entry per epoch
   */
  public static Trained train(
      DataSet train, DataSet validation, Trainer.Config config, Trainer.Listener listener) {
    Sequential model = ARCHITECTURE.build(config.seed());
    List<EpochMetrics> history =
        Trainer.train(
            model, () -> ARCHITECTURE.build(config.seed()), train, validation, config, listener);
    return new Trained(model, history);
  }

  /**
   * A trained gate.
   *
   * @param history one entry per epoch
   */
  public record Trained(Sequential model, List<EpochMetrics> history) {}
}
