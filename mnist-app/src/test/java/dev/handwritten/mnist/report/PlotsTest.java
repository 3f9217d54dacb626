package dev.handwritten.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.train.EpochMetrics;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  private static final List<String> FASHION =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  @TempDir Path dir;

  // ---- loss and accuracy curves

  @Test
  void growingCurves_keepTheirAxesStill_whileTheLinesGrow() {
    List<EpochMetrics> run = new ArrayList<>();
    for (int e = 1; e <= 5; e++) {
      run.add(new EpochMetrics(e, 1, 1.0 / e, 1 - 0.1 / e, 0.8 / e, 1 - 0.08 / e));
    }
    BufferedImage first = Plots.growingLossCurves(run, 1, 360, 300);
    BufferedImage all = Plots.growingLossCurves(run, 5, 360, 300);
    assertEquals(360, first.getWidth());
    assertEquals(300, all.getHeight());
    // The y axis's labels (the left edge) are the same pixels; the plot is not.
    assertTrue(sameColumns(first, all, 0, 40), "the y axis moved");
    assertTrue(!sameColumns(first, all, 100, 340), "the lines did not grow");
    BufferedImage accuracy = Plots.growingAccuracyCurves(run, 3, 360, 300);
    assertEquals(360, accuracy.getWidth());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Plots.growingLossCurves(run, 6, 360, 300));
    assertEquals("Plots.growingLossCurves: expected 1 to 5 epochs shown, got 6", e.getMessage());
  }

  private static boolean sameColumns(BufferedImage a, BufferedImage b, int from, int to) {
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = from; x < to; x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void lossCurves_drawsBothSeriesOnAn800x500Chart() throws IOException {
    Path png = dir.resolve("plots/loss.png"); // the parent directory does not exist yet
    Plots.lossCurves(history(5), png);
    BufferedImage image = read(png);
    assertEquals(800, image.getWidth());
    assertEquals(500, image.getHeight());
    assertTrue(count(image, 0x1F77B4) > 100, "train line (blue) is drawn");
    assertTrue(count(image, 0xFF7F0E) > 100, "validation line (orange) is drawn");
  }

  @Test
  void accuracyCurves_drawsBothSeries() throws IOException {
    Path png = dir.resolve("accuracy.png");
    Plots.accuracyCurves(history(3), png);
    BufferedImage image = read(png);
    assertTrue(count(image, 0x1F77B4) > 100);
    assertTrue(count(image, 0xFF7F0E) > 100);
  }

  @Test
  void lossCurves_leavesOutADivergedEpoch() throws IOException {
    List<EpochMetrics> epochs = new ArrayList<>(history(3));
    epochs.add(new EpochMetrics(4, 1, Double.NaN, 0.1, Double.POSITIVE_INFINITY, 0.1));
    Plots.lossCurves(epochs, dir.resolve("loss.png"));
    assertEquals(800, read(dir.resolve("loss.png")).getWidth());
  }

  @Test
  void lossCurves_rejectsAnEmptyHistory() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.lossCurves(List.of(), dir.resolve("loss.png")));
    assertEquals("Plots.lossCurves: expected at least one epoch, got none", e.getMessage());
  }

  @Test
  void lossCurves_rejectsAHistoryWithNothingFinite() {
    List<EpochMetrics> epochs = List.of(new EpochMetrics(1, 1, Double.NaN, 0, Double.NaN, 0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plots.lossCurves(epochs, dir.resolve("loss.png")));
    assertEquals(
        "Plots: expected at least one finite value to plot in \"Loss per epoch\", got none",
        e.getMessage());
  }

  // ---- prediction grid

  @Test
  void predictionGrid_enlargesEachPixelThreeTimes_withoutSmoothing() throws IOException {
    // One 2x3 image: white top-left, mid-grey top-right, black elsewhere.
    float[] image = {1, 0, 0.5f, 0, 0, 0};
    Path png = dir.resolve("grid.png");
    Plots.predictionGrid(image, 2, 3, new int[] {1}, new int[] {1}, new float[] {1}, 1, png);
    Rectangle r = grid(image, 2, 3, new int[] {1}, new int[] {1}, new float[] {1}).imageBounds(0);
    BufferedImage out = read(png);
    assertEquals(new Rectangle(r.x, r.y, 9, 6), r);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 9; x++) {
        int expected = y < 3 && x < 3 ? 0xFFFFFF : y < 3 && x >= 6 ? 0x808080 : 0x000000;
        assertEquals(expected, rgb(out, r.x + x, r.y + y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void predictionGrid_framesWrongPredictionsInRed_andOnlyThose() throws IOException {
    int[] labels = {7, 2, 1, 0, 4, 1};
    int[] predicted = {7, 3, 1, 0, 9, 1};
    float[] confidence = {0.99f, 0.6f, 0.95f, 0.97f, 0.87f, 0.9f};
    float[] images = randomImages(6, 28, 28);
    Path png = dir.resolve("grid.png");
    Plots.predictionGrid(images, 28, 28, labels, predicted, confidence, 6, png);
    ImageGrid grid = grid(images, 28, 28, labels, predicted, confidence);
    BufferedImage out = read(png);
    for (int t = 0; t < 6; t++) {
      Rectangle r = grid.imageBounds(t);
      int left = rgb(out, r.x - 1, r.y + r.height / 2);
      int top = rgb(out, r.x + r.width / 2, r.y - 1);
      int expected = labels[t] == predicted[t] ? 0xFFFFFF : Png.WRONG.getRGB() & 0xFFFFFF;
      assertEquals(expected, left, "left of image " + t);
      assertEquals(expected, top, "above image " + t);
    }
  }

  @Test
  void predictionGrid_captionsTrueAndPredictedClassWithConfidence() {
    ImageGrid grid =
        grid(
            randomImages(2, 28, 28),
            28,
            28,
            new int[] {7, 4},
            new int[] {7, 9},
            new float[] {0.991f, 0.874f});
    assertEquals("true 7 / pred 7 (99%)", grid.tiles().get(0).caption());
    assertEquals("true 4 / pred 9 (87%)", grid.tiles().get(1).caption());
    assertEquals(List.of(false, true), grid.tiles().stream().map(ImageGrid.Tile::wrong).toList());
  }

  @Test
  void predictionGrid_usesClassNamesWhenGiven() {
    ImageGrid grid =
        Plots.predictionLayout(
            randomImages(1, 28, 28),
            28,
            28,
            new int[] {1},
            new int[] {2},
            new float[] {0.5f},
            1,
            FASHION);
    assertEquals("true Trouser / pred Pullover (50%)", grid.tiles().get(0).caption());
  }

  @Test
  void predictionGrid_showsAllImagesWhenCountExceedsThem() {
    ImageGrid grid =
        Plots.predictionLayout(
            randomImages(3, 28, 28), 28, 28, new int[3], new int[3], new float[3], 64, List.of());
    assertEquals(3, grid.tiles().size());
  }

  @Test
  void predictionGrid_rejectsMismatchedArrays() {
    IllegalArgumentException lengths =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.predictionGrid(
                    new float[2 * 784],
                    28,
                    28,
                    new int[2],
                    new int[2],
                    new float[1],
                    2,
                    dir.resolve("x.png")));
    assertEquals(
        "Plots.predictionGrid: expected predicted and confidence of length 2 (one per label),"
            + " got 2 and 1",
        lengths.getMessage());
    IllegalArgumentException images =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.predictionGrid(
                    new float[1000],
                    28,
                    28,
                    new int[2],
                    new int[2],
                    new float[2],
                    2,
                    dir.resolve("x.png")));
    assertEquals(
        "Plots.predictionGrid: expected images of length labels * rows * cols"
            + " = 2 * 28 * 28 = 1568, got 1000",
        images.getMessage());
  }

  @Test
  void predictionGrid_rejectsClassesWithoutAName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.predictionGrid(
                    new float[784],
                    28,
                    28,
                    new int[] {3},
                    new int[] {10},
                    new float[1],
                    1,
                    FASHION,
                    dir.resolve("x.png")));
    assertEquals(
        "Plots.predictionGrid: predicted class 10 at index 0 is outside [0, 10);"
            + " classNames has no name for it",
        e.getMessage());
    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.predictionGrid(
                    new float[784],
                    28,
                    28,
                    new int[] {-1},
                    new int[] {1},
                    new float[1],
                    1,
                    dir.resolve("x.png")));
    assertEquals("Plots.predictionGrid: label -1 at index 0 is negative", negative.getMessage());
  }

  @Test
  void predictionGrid_rejectsAZeroCount() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.predictionGrid(
                    new float[784],
                    28,
                    28,
                    new int[1],
                    new int[1],
                    new float[1],
                    0,
                    dir.resolve("x.png")));
    assertEquals("Plots.predictionGrid: expected count >= 1, got 0", e.getMessage());
  }

  // ---- misclassified gallery

  @Test
  void misclassifiedGallery_showsTheMostConfidentMistakesFirst_upToMax() throws IOException {
    int[] labels = {0, 4, 2, 3, 5, 5, 6};
    int[] predicted = {0, 9, 2, 8, 6, 5, 0};
    float[] confidence = {0.9f, 0.6f, 0.9f, 0.95f, 0.95f, 0.99f, 0.3f};
    float[] images = randomImages(7, 28, 28);
    ImageGrid grid =
        Plots.galleryLayout(images, 28, 28, labels, predicted, confidence, 3, List.of());
    // Mistakes: 1 (60%), 3 (95%), 4 (95%), 6 (30%); ties keep data set order.
    assertEquals(List.of(3, 4, 1), grid.tiles().stream().map(ImageGrid.Tile::index).toList());
    assertEquals("true 3 -> pred 8 (95%)", grid.tiles().get(0).caption());
    assertEquals("true 4 -> pred 9 (60%)", grid.tiles().get(2).caption());

    Path png = dir.resolve("mistakes.png");
    Plots.misclassifiedGallery(images, 28, 28, labels, predicted, confidence, 3, png);
    BufferedImage out = read(png);
    Rectangle r = grid.imageBounds(2);
    assertEquals(Png.WRONG.getRGB() & 0xFFFFFF, rgb(out, r.x - 1, r.y));
  }

  @Test
  void misclassifiedGallery_withNoMistakes_writesASmallNotice() throws IOException {
    Path png = dir.resolve("mistakes.png");
    int[] labels = {1, 2, 3};
    Plots.misclassifiedGallery(
        randomImages(3, 28, 28), 28, 28, labels, labels.clone(), new float[3], 16, png);
    BufferedImage out = read(png);
    assertTrue(
        out.getWidth() < 300 && out.getHeight() <= 60, out.getWidth() + "x" + out.getHeight());
    assertTrue(count(out, 0xFFFFFF) < out.getWidth() * out.getHeight(), "some text is drawn");
  }

  @Test
  void misclassifiedGallery_rejectsAZeroMax() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Plots.misclassifiedGallery(
                    new float[784],
                    28,
                    28,
                    new int[1],
                    new int[1],
                    new float[1],
                    0,
                    dir.resolve("x.png")));
    assertEquals("Plots.misclassifiedGallery: expected max >= 1, got 0", e.getMessage());
  }

  // ---- confusion heat map

  @Test
  void confusionHeatmap_ofAPerfectModel_coloursOnlyTheDiagonal() throws IOException {
    int[][] confusion = new int[10][10];
    for (int i = 0; i < 10; i++) {
      confusion[i][i] = 100 + i;
    }
    Path png = dir.resolve("confusion.png");
    Plots.confusionHeatmap(confusion, png);
    BufferedImage out = read(png);
    Heatmap layout = new Heatmap(confusion, digitNames());
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        Rectangle r = layout.cellBounds(i, j);
        // A corner, away from the grid line and the centred count.
        double t = Heatmap.intensity(confusion[i][j], 109);
        assertEquals(
            Heatmap.colour(t).getRGB() & 0xFFFFFF, rgb(out, r.x + 3, r.y + 3), i + "," + j);
      }
    }
    assertEquals(Heatmap.colour(1).getRGB(), Heatmap.colour(Heatmap.intensity(109, 109)).getRGB());
    assertEquals(new Color(0xF7FBFF), Heatmap.colour(Heatmap.intensity(0, 109)));
  }

  @Test
  void confusionHeatmap_showsASingleMistakeBesideAThousandHits() throws IOException {
    int[][] confusion = new int[10][10];
    for (int i = 0; i < 10; i++) {
      confusion[i][i] = 1000;
    }
    confusion[3][5] = 1;
    Path png = dir.resolve("confusion.png");
    Plots.confusionHeatmap(confusion, png);
    BufferedImage out = read(png);
    Heatmap layout = new Heatmap(confusion, digitNames());
    int empty = rgb(out, layout.cellBounds(3, 4).x + 3, layout.cellBounds(3, 4).y + 3);
    int one = rgb(out, layout.cellBounds(3, 5).x + 3, layout.cellBounds(3, 5).y + 3);
    // On a linear scale 1/1000 would be indistinguishable from white; the log scale with its
    // floor makes it a clear tint: at least 30 levels darker in red.
    assertTrue((empty >> 16) - (one >> 16) >= 30, Integer.toHexString(one));
  }

  @Test
  void intensity_isALogScaleStartingAtTheFloor() {
    assertEquals(0, Heatmap.intensity(0, 1000));
    assertEquals(Heatmap.FLOOR, Heatmap.intensity(1, 1000));
    assertEquals(Heatmap.FLOOR + (1 - Heatmap.FLOOR) / 3, Heatmap.intensity(10, 1000), 1e-12);
    assertEquals(1, Heatmap.intensity(1000, 1000));
    assertEquals(1, Heatmap.intensity(1, 1));
  }

  @Test
  void confusionHeatmap_withClassNames_makesRoomForThem() throws IOException {
    int[][] confusion = new int[10][10];
    confusion[0][0] = 5;
    Plots.confusionHeatmap(confusion, dir.resolve("digits.png"));
    Plots.confusionHeatmap(confusion, FASHION, dir.resolve("fashion.png"));
    BufferedImage digits = read(dir.resolve("digits.png"));
    BufferedImage fashion = read(dir.resolve("fashion.png"));
    // Row names widen the picture; column names, turned upright, make it taller.
    assertTrue(fashion.getWidth() > digits.getWidth() + 40);
    assertTrue(fashion.getHeight() > digits.getHeight() + 40);
  }

  @Test
  void confusionHeatmap_rejectsBadMatrices() {
    Path png = dir.resolve("x.png");
    assertEquals(
        "Plots.confusionHeatmap: expected a square matrix, got row 1 of length 1 in a 2-row matrix",
        assertThrows(
                IllegalArgumentException.class,
                () -> Plots.confusionHeatmap(new int[][] {{1, 0}, {1}}, png))
            .getMessage());
    assertEquals(
        "Plots.confusionHeatmap: expected counts >= 0, got -1 at [0][1]",
        assertThrows(
                IllegalArgumentException.class,
                () -> Plots.confusionHeatmap(new int[][] {{1, -1}, {0, 1}}, png))
            .getMessage());
    assertEquals(
        "Plots.confusionHeatmap: expected 2 class names (one per row), got 10",
        assertThrows(
                IllegalArgumentException.class,
                () -> Plots.confusionHeatmap(new int[2][2], FASHION, png))
            .getMessage());
  }

  // ---- helpers

  private static ImageGrid grid(
      float[] images, int rows, int cols, int[] labels, int[] predicted, float[] confidence) {
    return Plots.predictionLayout(
        images, rows, cols, labels, predicted, confidence, labels.length, List.of());
  }

  private static List<EpochMetrics> history(int n) {
    List<EpochMetrics> epochs = new ArrayList<>();
    for (int e = 1; e <= n; e++) {
      epochs.add(new EpochMetrics(e, 10, 1.0 / e, 1 - 0.5 / e, 1.1 / e, 1 - 0.6 / e));
    }
    return epochs;
  }

  private static List<String> digitNames() {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      names.add(Integer.toString(k));
    }
    return names;
  }

  private static float[] randomImages(int n, int rows, int cols) {
    Random random = new Random(42);
    float[] images = new float[n * rows * cols];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
    return images;
  }

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null, png + " is a readable image");
    return image;
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += rgb(image, x, y) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  /** A run like a real one: the loss falling from 0.31, validation accuracy near 98%. */
  private static List<EpochMetrics> realisticRun(int epochs) {
    List<EpochMetrics> history = new java.util.ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      history.add(
          new EpochMetrics(
              e,
              10,
              0.3099795099914 * Math.pow(0.8, e - 1) + 0.02,
              0.9 + 0.08 * (1 - Math.pow(0.7, e)),
              0.078652854445161 * Math.pow(0.9, e - 1) + 0.025,
              0.9789999999999999 + 0.012 * (1 - Math.pow(0.8, e - 1))));
    }
    return history;
  }

  @Test
  void curveTicks_areRoundNumbers_withTheSameDecimals_afterOneTwoOrFiftyEpochs() {
    // Before: 0.3099795099914, .078652854445161 and 97.89999999999999 on the axis of one epoch.
    for (int epochs : new int[] {1, 2, 50}) {
      List<String> loss =
          Curves.yTickLabels(
              realisticRun(epochs), EpochMetrics::trainLoss, EpochMetrics::valLoss, 1);
      List<String> accuracy =
          Curves.yTickLabels(
              realisticRun(epochs), EpochMetrics::trainAccuracy, EpochMetrics::valAccuracy, 100);
      for (List<String> labels : List.of(loss, accuracy)) {
        String context = epochs + " epochs: " + labels;
        assertTrue(labels.size() >= 3, context);
        int decimals =
            labels.getFirst().contains(".") ? labels.getFirst().split("\\.")[1].length() : 0;
        for (String label : labels) {
          assertTrue(label.matches("-?[0-9]+(\\.[0-9]{1,2})?"), context);
          assertEquals(decimals, label.contains(".") ? label.split("\\.")[1].length() : 0, context);
        }
      }
    }
  }

  @Test
  void tickDecimals_areTheFewestThatPrintEveryTickExactly() {
    assertEquals(0, Curves.decimals(List.of(20.0, 40.0, 60.0)));
    assertEquals(1, Curves.decimals(List.of(97.9, 98.0, 98.1)));
    assertEquals(2, Curves.decimals(List.of(0.25, 0.5, 0.75)));
    // A tick computed twice with different rounding is still one tick.
    assertEquals(2, Curves.decimals(List.of(0.3, 0.35, 0.35000000000000003, 0.4)));
    assertEquals(3, Curves.decimals(List.of(0.002, 0.004, 0.006)));
  }

  @Test
  void niceSteps_areOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(0.05, Curves.niceStep(0.045), 1e-15);
    assertEquals(2, Curves.niceStep(1.2), 1e-15);
    assertEquals(5, Curves.niceStep(5), 1e-15);
    assertEquals(10, Curves.niceStep(6), 1e-15);
  }
}
