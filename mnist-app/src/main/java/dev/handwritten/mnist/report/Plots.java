package dev.handwritten.mnist.report;

import dev.handwritten.mnist.train.EpochMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The pictures of a training run, each written as a PNG file.
 *
 * <pre>{@code
 * Plots.lossCurves(history, out.resolve("loss.png"));
 * Plots.accuracyCurves(history, out.resolve("accuracy.png"));
 * Plots.confusionHeatmap(confusion, out.resolve("confusion.png"));
 * Plots.predictionGrid(images, 28, 28, labels, predicted, confidence, 64, out.resolve("grid.png"));
 * Plots.misclassifiedGallery(images, 28, 28, labels, predicted, confidence, 36,
 *     out.resolve("mistakes.png"));
 * }</pre>
 *
 * <p>Images are {@code float[N * rows * cols]}: N one-channel images, row-major, values in [0, 1],
 * white digit on black as in MNIST. {@code labels[i]} is image i's true class, {@code predicted[i]}
 * the model's class and {@code confidence[i]} the probability it gave that class. The overloads
 * taking {@code classNames} print names instead of class numbers (for Fashion-MNIST: "T-shirt/top",
 * "Trouser", ...); an empty list means class numbers.
 *
 * <p>Every method creates the parent directories and replaces {@code png} only once the picture is
 * complete. Drawing needs no display: {@code java.awt.headless} is set to true unless already set.
 */
public final class Plots {
  private Plots() {}

  /**
   * Writes any picture as a PNG file, like the plots: parent folders made, the file replaced only
   * once complete.
   */
  public static void save(java.awt.image.BufferedImage picture, Path png) throws IOException {
    Png.write(picture, png);
  }

  /**
   * Training and validation loss per epoch, as two lines over the epoch number. Non-finite losses
   * (a diverged epoch) are left out of their line.
   *
   * @throws IllegalArgumentException if {@code epochs} is empty or holds no finite loss
   * @throws IOException if {@code png} cannot be written
   */
  public static void lossCurves(List<EpochMetrics> epochs, Path png) throws IOException {
    checkEpochs("Plots.lossCurves", epochs, png);
    Png.write(
        Curves.draw(
            epochs,
            "Loss per epoch",
            "cross-entropy loss",
            EpochMetrics::trainLoss,
            EpochMetrics::valLoss,
            1,
            true),
        png);
  }

  /**
   * Training and validation accuracy per epoch, in percent.
   *
   * @throws IllegalArgumentException if {@code epochs} is empty or holds no finite accuracy
   * @throws IOException if {@code png} cannot be written
   */
  public static void accuracyCurves(List<EpochMetrics> epochs, Path png) throws IOException {
    checkEpochs("Plots.accuracyCurves", epochs, png);
    Png.write(
        Curves.draw(
            epochs,
            "Accuracy per epoch",
            "accuracy (%)",
            EpochMetrics::trainAccuracy,
            EpochMetrics::valAccuracy,
            100,
            false),
        png);
  }

  /**
   * The loss curves of a run's first {@code shown} epochs, on axes that fit the whole run: one
   * frame of the curves growing, as {@code mnist demo} animates them.
   *
   * @param run every epoch of the run, at least one
   * @param shown how many of them to draw, 1 to {@code run.size()}
   * @throws IllegalArgumentException if {@code shown} is out of range or there is no finite loss
   */
  public static BufferedImage growingLossCurves(
      List<EpochMetrics> run, int shown, int width, int height) {
    return Curves.draw(
        shownEpochs("Plots.growingLossCurves", run, shown),
        run,
        width,
        height,
        "Loss per epoch",
        "cross-entropy loss",
        EpochMetrics::trainLoss,
        EpochMetrics::valLoss,
        1,
        true);
  }

  /** The accuracy curves, in percent, as {@link #growingLossCurves} draws the loss. */
  public static BufferedImage growingAccuracyCurves(
      List<EpochMetrics> run, int shown, int width, int height) {
    return Curves.draw(
        shownEpochs("Plots.growingAccuracyCurves", run, shown),
        run,
        width,
        height,
        "Accuracy per epoch",
        "accuracy (%)",
        EpochMetrics::trainAccuracy,
        EpochMetrics::valAccuracy,
        100,
        false);
  }

  private static List<EpochMetrics> shownEpochs(String who, List<EpochMetrics> run, int shown) {
    Objects.requireNonNull(run, who + ": run");
    if (shown < 1 || shown > run.size()) {
      throw new IllegalArgumentException(
          who + ": expected 1 to " + run.size() + " epochs shown, got " + shown);
    }
    return run.subList(0, shown);
  }

  /**
   * {@link #predictionGrid(float[], int, int, int[], int[], float[], int, List, Path)} with digits.
   */
  public static void predictionGrid(
      float[] images,
      int rows,
      int cols,
      int[] labels,
      int[] predicted,
      float[] confidence,
      int count,
      Path png)
      throws IOException {
    predictionGrid(images, rows, cols, labels, predicted, confidence, count, List.of(), png);
  }

  /**
   * The first {@code count} images in a grid, each enlarged three times and captioned "true 7 /
   * pred 7 (99%)"; wrong predictions get a red frame and a red caption.
   *
   * @param images (N, rows, cols), values in [0, 1]
   * @param labels (N) true classes
   * @param predicted (N) predicted classes
   * @param confidence (N) the probability of the predicted class, in [0, 1]
   * @param count how many images to show; all N if there are fewer
   * @param classNames one name per class, or empty for class numbers
   * @throws IllegalArgumentException if the array lengths disagree, a class is negative or has no
   *     name, there are no images, or {@code count < 1}
   * @throws IOException if {@code png} cannot be written
   */
  public static void predictionGrid(
      float[] images,
      int rows,
      int cols,
      int[] labels,
      int[] predicted,
      float[] confidence,
      int count,
      List<String> classNames,
      Path png)
      throws IOException {
    String who = "Plots.predictionGrid";
    checkPredictions(who, images, rows, cols, labels, predicted, confidence, classNames, png);
    if (labels.length == 0) {
      throw new IllegalArgumentException(who + ": expected at least one image, got none");
    }
    if (count < 1) {
      throw new IllegalArgumentException(who + ": expected count >= 1, got " + count);
    }
    Png.write(
        predictionLayout(images, rows, cols, labels, predicted, confidence, count, classNames)
            .render(),
        png);
  }

  /** {@link #confusionHeatmap(int[][], List, Path)} with class numbers as labels. */
  public static void confusionHeatmap(int[][] confusion, Path png) throws IOException {
    confusionHeatmap(confusion, List.of(), png);
  }

  /**
   * The confusion matrix as a heat map: rows are true classes, columns predicted classes, each cell
   * annotated with its count and coloured on a log scale, so that single mistakes show.
   *
   * @param confusion (n, n): {@code confusion[t][p]} images of class t predicted as p
   * @param classNames n names, or empty for the numbers 0 to n-1
   * @throws IllegalArgumentException if the matrix is empty, not square or has a negative count, or
   *     the number of names is not n
   * @throws IOException if {@code png} cannot be written
   */
  public static void confusionHeatmap(int[][] confusion, List<String> classNames, Path png)
      throws IOException {
    String who = "Plots.confusionHeatmap";
    Objects.requireNonNull(confusion, who + ": confusion");
    Objects.requireNonNull(classNames, who + ": classNames");
    Objects.requireNonNull(png, who + ": png");
    int n = confusion.length;
    if (n == 0) {
      throw new IllegalArgumentException(who + ": expected at least one class, got none");
    }
    for (int i = 0; i < n; i++) {
      if (confusion[i] == null || confusion[i].length != n) {
        throw new IllegalArgumentException(
            String.format(
                "%s: expected a square matrix, got row %d of length %s in a %d-row matrix",
                who, i, confusion[i] == null ? "null" : confusion[i].length, n));
      }
      for (int j = 0; j < n; j++) {
        if (confusion[i][j] < 0) {
          throw new IllegalArgumentException(
              String.format(
                  "%s: expected counts >= 0, got %d at [%d][%d]", who, confusion[i][j], i, j));
        }
      }
    }
    if (!classNames.isEmpty() && classNames.size() != n) {
      throw new IllegalArgumentException(
          String.format(
              "%s: expected %d class names (one per row), got %d", who, n, classNames.size()));
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      names.add(name(classNames, k));
    }
    Png.write(new Heatmap(confusion, names).render(), png);
  }

  /**
   * {@link #misclassifiedGallery(float[], int, int, int[], int[], float[], int, List, Path)} with
   * digits.
   */
  public static void misclassifiedGallery(
      float[] images,
      int rows,
      int cols,
      int[] labels,
      int[] predicted,
      float[] confidence,
      int max,
      Path png)
      throws IOException {
    misclassifiedGallery(images, rows, cols, labels, predicted, confidence, max, List.of(), png);
  }

  /**
   * The misclassified images, most confident mistakes first, captioned "true 4 -> pred 9 (87%)".
   * With no mistakes, a small picture saying "no misclassified images".
   *
   * @param max how many mistakes to show at most
   * @throws IllegalArgumentException as {@link #predictionGrid}, or if {@code max < 1}
   * @throws IOException if {@code png} cannot be written
   */
  public static void misclassifiedGallery(
      float[] images,
      int rows,
      int cols,
      int[] labels,
      int[] predicted,
      float[] confidence,
      int max,
      List<String> classNames,
      Path png)
      throws IOException {
    String who = "Plots.misclassifiedGallery";
    checkPredictions(who, images, rows, cols, labels, predicted, confidence, classNames, png);
    if (max < 1) {
      throw new IllegalArgumentException(who + ": expected max >= 1, got " + max);
    }
    ImageGrid grid =
        galleryLayout(images, rows, cols, labels, predicted, confidence, max, classNames);
    Png.write(
        grid.tiles().isEmpty() ? ImageGrid.notice("no misclassified images") : grid.render(), png);
  }

  /**
   * The user's own pictures as the network saw them (28 x 28, prepared like MNIST), each captioned
   * with its name and the network's answer.
   *
   * @param images [N, 28, 28] in [0, 1]
   * @param names one short name per image, e.g. the file name
   * @param predicted the most probable class of each image
   * @param confidence its probability
   */
  public static void recognized(
      float[] images, List<String> names, int[] predicted, float[] confidence, Path png)
      throws IOException {
    int n = names.size();
    if (images.length != n * 28 * 28 || predicted.length != n || confidence.length != n) {
      throw new IllegalArgumentException(
          "Plots.recognized: expected "
              + n
              + " images of 28 x 28 with one prediction each, got "
              + images.length
              + " floats and "
              + predicted.length
              + " predictions");
    }
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tiles.add(
          new ImageGrid.Tile(
              i,
              names.get(i),
              ": ",
              predicted[i] + " (" + Math.round(confidence[i] * 100) + "%)",
              false));
    }
    String title = "What the network saw, and its answer (" + n + (n == 1 ? " image)" : " images)");
    Png.write(new ImageGrid(images, 28, 28, title, tiles).render(), png);
  }

  /**
   * Images with what the rejection gate made of them: each captioned in two halves (e.g. "'A' in
   * Lato" and "not a digit"), the rejected ones framed in red. With no images, a small picture
   * saying {@code empty}.
   *
   * @param images [N, 28, 28] in [0, 1]
   * @param what the first half of each caption
   * @param answers the second half of each caption
   * @param rejected which images to frame
   * @param empty what the picture says when there are no images
   * @throws IllegalArgumentException if the counts disagree
   */
  public static void judged(
      float[] images,
      List<String> what,
      List<String> answers,
      boolean[] rejected,
      String title,
      String empty,
      Path png)
      throws IOException {
    int n = what.size();
    if (images.length != n * 28 * 28 || answers.size() != n || rejected.length != n) {
      throw new IllegalArgumentException(
          "Plots.judged: expected "
              + n
              + " images of 28 x 28 with one answer each, got "
              + images.length
              + " floats, "
              + answers.size()
              + " answers and "
              + rejected.length
              + " flags");
    }
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tiles.add(new ImageGrid.Tile(i, what.get(i), " ", answers.get(i), rejected[i]));
    }
    Png.write(
        n == 0 ? ImageGrid.notice(empty) : new ImageGrid(images, 28, 28, title, tiles).render(),
        png);
  }

  /**
   * The same few digits under each distortion of the robustness suite, one row per distortion, each
   * captioned with the distortion and the digit read; misreadings framed in red.
   *
   * @param rowNames one per row, e.g. "original", "thicker"
   * @param images per row, {@code perRow} 28 x 28 images one after another
   * @param labels the {@code perRow} true digits, the same in every row
   * @param predicted per row, the {@code perRow} digits read
   */
  public static void robustnessGallery(
      List<String> rowNames, List<float[]> images, int[] labels, List<int[]> predicted, Path png)
      throws IOException {
    int perRow = labels.length;
    int size = 28 * 28;
    if (rowNames.size() != images.size() || rowNames.size() != predicted.size() || perRow == 0) {
      throw new IllegalArgumentException(
          "Plots.robustnessGallery: expected one name, image row and answer row per row, and at"
              + " least one digit");
    }
    float[] all = new float[rowNames.size() * perRow * size];
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int r = 0; r < rowNames.size(); r++) {
      System.arraycopy(images.get(r), 0, all, r * perRow * size, perRow * size);
      for (int i = 0; i < perRow; i++) {
        int read = predicted.get(r)[i];
        tiles.add(
            new ImageGrid.Tile(
                r * perRow + i, rowNames.get(r), ": ", "read " + read, read != labels[i]));
      }
    }
    String title = "The first " + perRow + " test digits under each distortion; misread in red";
    Png.write(new ImageGrid(all, 28, 28, title, tiles, perRow).render(), png);
  }

  /** The prediction grid's tiles and layout; arguments already checked. */
  static ImageGrid predictionLayout(
      float[] images,
      int rows,
      int cols,
      int[] labels,
      int[] predicted,
      float[] confidence,
      int count,
      List<String> classNames) {
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    int wrong = 0;
    for (int i = 0; i < Math.min(count, labels.length); i++) {
      boolean mistake = predicted[i] != labels[i];
      wrong += mistake ? 1 : 0;
      tiles.add(tile(i, " / ", labels, predicted, confidence, classNames, mistake));
    }
    String title =
        "First "
            + tiles.size()
            + " test images: "
            + (wrong == 0 ? "all correct" : wrong + " wrong, framed in red");
    return new ImageGrid(images, rows, cols, title, tiles);
  }

  /** The gallery's tiles, most confident mistake first, and layout; arguments already checked. */
  static ImageGrid galleryLayout(
      float[] images,
      int rows,
      int cols,
      int[] labels,
      int[] predicted,
      float[] confidence,
      int max,
      List<String> classNames) {
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] != labels[i]) {
        wrong.add(i);
      }
    }
    // The mistakes the model was surest of say the most about it (or about the labels).
    wrong.sort(Comparator.comparingDouble((Integer i) -> -confidence[i]).thenComparingInt(i -> i));
    List<ImageGrid.Tile> tiles = new ArrayList<>();
    for (int i : wrong.subList(0, Math.min(max, wrong.size()))) {
      tiles.add(tile(i, " -> ", labels, predicted, confidence, classNames, true));
    }
    String title =
        tiles.size() == wrong.size()
            ? "All " + wrong.size() + " misclassified images, most confident first"
            : "The "
                + tiles.size()
                + " most confident of "
                + wrong.size()
                + " misclassified images";
    return new ImageGrid(images, rows, cols, title, tiles);
  }

  private static ImageGrid.Tile tile(
      int i,
      String separator,
      int[] labels,
      int[] predicted,
      float[] confidence,
      List<String> classNames,
      boolean wrong) {
    return new ImageGrid.Tile(
        i,
        "true " + name(classNames, labels[i]),
        separator,
        "pred " + name(classNames, predicted[i]) + " (" + Math.round(confidence[i] * 100) + "%)",
        wrong);
  }

  private static String name(List<String> classNames, int k) {
    return classNames.isEmpty() ? Integer.toString(k) : classNames.get(k);
  }

  private static void checkEpochs(String who, List<EpochMetrics> epochs, Path png) {
    Objects.requireNonNull(epochs, who + ": epochs");
    Objects.requireNonNull(png, who + ": png");
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException(who + ": expected at least one epoch, got none");
    }
  }

  private static void checkPredictions(
      String who,
      float[] images,
      int rows,
      int cols,
      int[] labels,
      int[] predicted,
      float[] confidence,
      List<String> classNames,
      Path png) {
    Objects.requireNonNull(images, who + ": images");
    Objects.requireNonNull(labels, who + ": labels");
    Objects.requireNonNull(predicted, who + ": predicted");
    Objects.requireNonNull(confidence, who + ": confidence");
    Objects.requireNonNull(classNames, who + ": classNames");
    Objects.requireNonNull(png, who + ": png");
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(
          who + ": expected rows and cols >= 1, got " + rows + " x " + cols);
    }
    int n = labels.length;
    if (predicted.length != n || confidence.length != n) {
      throw new IllegalArgumentException(
          String.format(
              "%s: expected predicted and confidence of length %d (one per label), got %d and %d",
              who, n, predicted.length, confidence.length));
    }
    long expected = (long) n * rows * cols;
    if (images.length != expected) {
      throw new IllegalArgumentException(
          String.format(
              "%s: expected images of length labels * rows * cols = %d * %d * %d = %d, got %d",
              who, n, rows, cols, expected, images.length));
    }
    for (int i = 0; i < n; i++) {
      checkClass(who, "label", labels[i], i, classNames);
      checkClass(who, "predicted class", predicted[i], i, classNames);
    }
  }

  private static void checkClass(String who, String what, int k, int i, List<String> names) {
    if (k < 0) {
      throw new IllegalArgumentException(
          String.format("%s: %s %d at index %d is negative", who, what, k, i));
    }
    if (!names.isEmpty() && k >= names.size()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: %s %d at index %d is outside [0, %d); classNames has no name for it",
              who, what, k, i, names.size()));
    }
  }
}
