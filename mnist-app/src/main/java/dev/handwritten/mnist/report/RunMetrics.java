package dev.handwritten.mnist.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.mnist.robustness.RobustnessSuite;
import dev.handwritten.mnist.train.Augmentation;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Evaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code metrics.json} holds, as typed values: what was run with which settings, by
 * which build on which machine, the history of every epoch, and the results on the test data. The
 * file's schema is {@code docs/metrics.schema.json}; {@link MetricsFiles} writes and reads it, with
 * {@code snake_case} keys ({@code testAccuracy} is {@code "test_accuracy"}).
 *
 * @param formatVersion {@value #FORMAT_VERSION}; raised when a field changes meaning or goes away
 * @param command {@code train} or {@code evaluate}
 * @param app the build that wrote the file
 * @param createdUtc when the file was written, ISO-8601 in UTC
 * @param machine where the run ran
 * @param settings the run's settings, each with its own type
 * @param models the model trained, or the models evaluated (several for an ensemble)
 * @param epochs one row per training epoch; empty for {@code evaluate}
 * @param keptEpoch the epoch whose weights were kept (the best one with early stopping); null for
 *     {@code evaluate}
 * @param trainSecondsTotal the training passes' seconds, summed; null for {@code evaluate}
 * @param testImages how many test images were evaluated; null while training is in progress
 * @param testAccuracy fraction of them classified correctly
 * @param testLoss mean cross-entropy on them
 * @param perClass precision, recall and F1 per class
 * @param confusionMatrix {@code [true class][predicted class]} counts
 * @param robustness the accuracy on each distortion of the test set ({@code evaluate
 *     --robustness}); null when not measured
 */
public record RunMetrics(
    int formatVersion,
    String command,
    Provenance.App app,
    String createdUtc,
    Provenance.Machine machine,
    Settings settings,
    List<ModelInfo> models,
    List<EpochMetrics> epochs,
    Integer keptEpoch,
    Double trainSecondsTotal,
    Integer testImages,
    Double testAccuracy,
    Double testLoss,
    List<ClassScores> perClass,
    int[][] confusionMatrix,
    List<RobustnessSuite.Score> robustness) {

  /** The version of the layout that this code writes. */
  public static final int FORMAT_VERSION = 1;

  public RunMetrics {
    models = List.copyOf(models);
    epochs = List.copyOf(epochs);
    perClass = perClass == null ? List.of() : List.copyOf(perClass);
    robustness = robustness == null ? null : List.copyOf(robustness);
  }

  /** These metrics with the robustness suite's scores added. */
  public RunMetrics withRobustness(List<RobustnessSuite.Score> scores) {
    return new RunMetrics(
        formatVersion,
        command,
        app,
        createdUtc,
        machine,
        settings,
        models,
        epochs,
        keptEpoch,
        trainSecondsTotal,
        testImages,
        testAccuracy,
        testLoss,
        perClass,
        confusionMatrix,
        scores);
  }

  /** A run's settings: {@link TrainSettings} or {@link EvaluateSettings}, told apart by fields. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
  @JsonSubTypes({
    @JsonSubTypes.Type(TrainSettings.class),
    @JsonSubTypes.Type(EvaluateSettings.class)
  })
  public sealed interface Settings permits TrainSettings, EvaluateSettings {}

  /**
   * {@code mnist train}'s settings.
   *
   * @param data the folder the IDX files came from
   * @param dataset {@code mnist} or {@code fashion}
   * @param preset the model preset's name
   * @param epochs the epochs asked for (early stopping may run fewer)
   * @param batchSize images per step
   * @param learningRate Adam's (peak) learning rate
   * @param schedule the learning-rate schedule's name
   * @param weightDecay decoupled weight decay; 0 for none
   * @param earlyStopping the patience in epochs; 0 for none
   * @param augmentation the random distortions of training images; null for none
   * @param emaDecay the decay of the exponential moving average of the weights that was validated
   *     and saved; null for none (and in settings written before it existed)
   * @param seed seeds weights, split, shuffling and dropout
   * @param threads worker threads
   * @param limit the cap on training images asked for; null for none
   * @param trainingImages the images trained on, after the validation split
   * @param validationImages the images held out for validation
   * @param testImages the test set's images
   */
  public record TrainSettings(
      String data,
      String dataset,
      String preset,
      int epochs,
      int batchSize,
      double learningRate,
      String schedule,
      double weightDecay,
      int earlyStopping,
      Augmentation augmentation,
      Double emaDecay,
      long seed,
      int threads,
      Integer limit,
      int trainingImages,
      int validationImages,
      int testImages)
      implements Settings {}

  /**
   * {@code mnist evaluate}'s settings.
   *
   * @param data what was evaluated on: the test set's folder, or an IDX image and label file
   * @param dataset {@code mnist} or {@code fashion}
   * @param modelFiles the model files, or {@code bundled} for the model inside the app
   * @param batchSize images per forward pass
   * @param threads worker threads
   */
  public record EvaluateSettings(
      String data, String dataset, List<String> modelFiles, int batchSize, int threads)
      implements Settings {}

  /** Precision, recall and F1 of one class, each a fraction in [0, 1]. */
  public record ClassScores(
      @JsonProperty("class") int label, double precision, double recall, double f1) {}

  /**
   * A training run's metrics.
   *
   * @param test the trained model on the test set; null while training is still going
   */
  public static RunMetrics training(
      Provenance provenance,
      TrainSettings settings,
      ModelInfo model,
      List<EpochMetrics> history,
      int keptEpoch,
      Evaluation test) {
    return new RunMetrics(
        FORMAT_VERSION,
        "train",
        provenance.app(),
        provenance.createdUtc(),
        provenance.machine(),
        settings,
        List.of(model),
        history,
        keptEpoch,
        history.stream().mapToDouble(EpochMetrics::trainSeconds).sum(),
        test == null ? null : test.count(),
        test == null ? null : test.accuracy(),
        test == null ? null : test.loss(),
        test == null ? List.of() : scores(test),
        test == null ? null : test.confusion(),
        null);
  }

  /** An evaluation's metrics. */
  public static RunMetrics evaluation(
      Provenance provenance,
      EvaluateSettings settings,
      List<ModelInfo> models,
      Evaluation evaluation) {
    return new RunMetrics(
        FORMAT_VERSION,
        "evaluate",
        provenance.app(),
        provenance.createdUtc(),
        provenance.machine(),
        settings,
        models,
        List.of(),
        null,
        null,
        evaluation.count(),
        evaluation.accuracy(),
        evaluation.loss(),
        scores(evaluation),
        evaluation.confusion(),
        null);
  }

  /** The scores of every class of {@code evaluation}. */
  public static List<ClassScores> scores(Evaluation evaluation) {
    List<ClassScores> scores = new ArrayList<>();
    for (int k = 0; k < evaluation.confusion().length; k++) {
      scores.add(
          new ClassScores(k, evaluation.precision(k), evaluation.recall(k), evaluation.f1(k)));
    }
    return scores;
  }
}
