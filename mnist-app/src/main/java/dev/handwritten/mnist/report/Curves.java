package dev.handwritten.mnist.report;

import dev.handwritten.mnist.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Train-versus-validation line charts over epochs, drawn with XChart. */
final class Curves {
  static final int WIDTH = 800;
  static final int HEIGHT = 500;
  private static final Color TRAIN = new Color(0x1F, 0x77, 0xB4);
  private static final Color VALIDATION = new Color(0xFF, 0x7F, 0x0E);

  private Curves() {}

  /**
   * @param scale multiplies every value, e.g. 100 to show fractions as percentages
   * @param legendAtTop where the curves leave room: falling loss curves leave the top right free,
   *     rising accuracy curves the bottom right
   */
  static BufferedImage draw(
      List<EpochMetrics> epochs,
      String title,
      String yAxis,
      ToDoubleFunction<EpochMetrics> train,
      ToDoubleFunction<EpochMetrics> validation,
      double scale,
      boolean legendAtTop) {
    return draw(epochs, epochs, WIDTH, HEIGHT, title, yAxis, train, validation, scale, legendAtTop);
  }

  /**
   * The curves of {@code shown} on axes fitted to {@code axes}, a run of which {@code shown} is the
   * beginning: frames of the curves growing epoch by epoch, the axes still.
   */
  static BufferedImage draw(
      List<EpochMetrics> shown,
      List<EpochMetrics> axes,
      int width,
      int height,
      String title,
      String yAxis,
      ToDoubleFunction<EpochMetrics> train,
      ToDoubleFunction<EpochMetrics> validation,
      double scale,
      boolean legendAtTop) {
    XYChart chart =
        chart(shown, axes, width, height, title, yAxis, train, validation, scale, legendAtTop);
    BufferedImage image = Png.canvas(width, height);
    Graphics2D g = Png.graphics(image);
    chart.paint(g, width, height);
    g.dispose();
    return image;
  }

  /** The y axis's tick labels as {@link #draw} prints them, bottom to top; for tests. */
  static List<String> yTickLabels(
      List<EpochMetrics> epochs,
      ToDoubleFunction<EpochMetrics> train,
      ToDoubleFunction<EpochMetrics> validation,
      double scale) {
    XYChart chart = chart(epochs, epochs, WIDTH, HEIGHT, "", "", train, validation, scale, true);
    List<String> labels = new ArrayList<>();
    var format = chart.getStyler().getyAxisTickLabelsFormattingFunction();
    chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> record(labels, format.apply(v)));
    paintOffScreen(chart, WIDTH, HEIGHT);
    return labels;
  }

  private static String record(List<String> labels, String label) {
    labels.add(label);
    return label;
  }

  /**
   * The chart, its axes fitted to the data. XChart places the y ticks itself (1, 2 or 5 times a
   * power of ten, as many as fit) but prints each at full precision, which gave labels like {@code
   * 0.3099795099914} and {@code 97.89999999999999}; so the chart is laid out once to learn where
   * its ticks fall, and each label then gets the fewest decimals that tell the ticks apart, the
   * same number on every tick. One epoch is a single point, for which XChart would make an axis of
   * zero height: the axis then spans a small margin around it.
   */
  private static XYChart chart(
      List<EpochMetrics> epochs,
      List<EpochMetrics> axes,
      int width,
      int height,
      String title,
      String yAxis,
      ToDoubleFunction<EpochMetrics> train,
      ToDoubleFunction<EpochMetrics> validation,
      double scale,
      boolean legendAtTop) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(yAxis)
            .build();
    var style = chart.getStyler();
    style.setChartBackgroundColor(Color.WHITE);
    style.setPlotBackgroundColor(Color.WHITE);
    style.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
    style.setChartTitleFont(Png.font(java.awt.Font.BOLD, 16));
    style.setAxisTitleFont(Png.font(java.awt.Font.PLAIN, 13));
    style.setAxisTickLabelsFont(Png.font(java.awt.Font.PLAIN, 12));
    style.setLegendFont(Png.font(java.awt.Font.PLAIN, 13));
    style.setLegendPosition(
        legendAtTop ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
    style.setMarkerSize(epochs.size() > 30 ? 4 : 7);
    // Epochs are whole numbers; XChart still places ticks between them, which stay unlabelled.
    style.setxAxisTickLabelsFormattingFunction(
        x -> x == Math.rint(x) ? Long.toString(Math.round(x)) : "");
    // About seven labelled ticks on the y axis, where XChart's default crowds in fifteen; epochs
    // in fives over a long run rather than every other one.
    style.setYAxisTickMarkSpacingHint(50);
    style.setXAxisTickMarkSpacingHint(80);
    boolean anyTrain = addSeries(chart, "train", epochs, train, scale, TRAIN);
    boolean anyValidation = addSeries(chart, "validation", epochs, validation, scale, VALIDATION);
    if (!anyTrain && !anyValidation) {
      throw new IllegalArgumentException(
          "Plots: expected at least one finite value to plot in \"" + title + "\", got none");
    }
    fitYAxis(chart, axes, List.of(train, validation), scale);
    if (axes.size() > epochs.size()) {
      style.setXAxisMin((double) axes.getFirst().epoch());
      style.setXAxisMax((double) axes.getLast().epoch());
    }

    List<Double> ticks = new ArrayList<>();
    style.setyAxisTickLabelsFormattingFunction(
        v -> {
          ticks.add(v);
          return Double.toString(v);
        });
    paintOffScreen(chart, width, height);
    int decimals = decimals(ticks);
    style.setyAxisTickLabelsFormattingFunction(
        v -> String.format(Locale.ROOT, "%." + decimals + "f", v));
    return chart;
  }

  /**
   * Sets the y axis to round numbers around the data, with a little room above and below: XChart
   * would end the axis exactly at the data, and for a single epoch it would make no ticks at all.
   * An axis of values that cannot leave [0, max] (a loss is never negative, an accuracy never above
   * 100%) stops at the bound.
   */
  private static void fitYAxis(
      XYChart chart,
      List<EpochMetrics> epochs,
      List<ToDoubleFunction<EpochMetrics>> metrics,
      double scale) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (EpochMetrics e : epochs) {
      for (ToDoubleFunction<EpochMetrics> metric : metrics) {
        double y = metric.applyAsDouble(e) * scale;
        if (Double.isFinite(y)) {
          min = Math.min(min, y);
          max = Math.max(max, y);
        }
      }
    }
    double span = max - min;
    if (span <= 1e-9 * Math.max(1, Math.abs(max))) {
      span = Math.max(Math.abs(max) * 0.02, 1e-3); // flat: a few percent of the value
    }
    double step = niceStep(span / 5);
    double low = Math.floor((min - 0.05 * span) / step) * step;
    double high = Math.ceil((max + 0.05 * span) / step) * step;
    if (min >= 0) {
      low = Math.max(low, 0);
    }
    if (scale == 100 && max <= 100) {
      high = Math.min(high, 100);
    }
    chart.getStyler().setYAxisMin(low);
    chart.getStyler().setYAxisMax(high);
  }

  /** 1, 2 or 5 times a power of ten, the nearest at or above {@code rough}. */
  static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= rough * (1 - 1e-9)) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static void paintOffScreen(XYChart chart, int width, int height) {
    BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    chart.paint(g, width, height);
    g.dispose();
  }

  /**
   * The fewest decimals that print every tick exactly to within a millionth of their spacing: 0 for
   * ticks 20, 40, 60; 1 for 97.9, 98.0; 2 for 0.25, 0.50, 0.75.
   */
  static int decimals(List<Double> ticks) {
    double[] sorted = ticks.stream().mapToDouble(Double::doubleValue).distinct().sorted().toArray();
    double range = sorted.length == 0 ? 0 : sorted[sorted.length - 1] - sorted[0];
    double step = Double.POSITIVE_INFINITY;
    for (int i = 1; i < sorted.length; i++) {
      double gap = sorted[i] - sorted[i - 1];
      if (gap > range * 1e-9) { // 0.35 and 0.35000000000000003 are the same tick
        step = Math.min(step, gap);
      }
    }
    if (!Double.isFinite(step)) {
      step = sorted.length == 0 ? 1 : Math.max(Math.abs(sorted[0]), 1e-9);
    }
    for (int d = 0; d < 12; d++) {
      double unit = Math.pow(10, -d);
      boolean exact = true;
      for (double v : sorted) {
        exact &= Math.abs(v - Math.rint(v / unit) * unit) <= step * 1e-6;
      }
      if (exact) {
        return d;
      }
    }
    return 12;
  }

  /**
   * Adds one series of the finite points, if there are any; a diverged epoch's NaN loss leaves a
   * gap, not a crash.
   *
   * @return whether a series was added
   */
  private static boolean addSeries(
      XYChart chart,
      String name,
      List<EpochMetrics> epochs,
      ToDoubleFunction<EpochMetrics> metric,
      double scale,
      Color color) {
    List<Integer> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (EpochMetrics e : epochs) {
      double v = metric.applyAsDouble(e) * scale;
      if (Double.isFinite(v)) {
        x.add(e.epoch());
        y.add(v);
      }
    }
    if (x.isEmpty()) {
      return false;
    }
    XYSeries series = chart.addSeries(name, x, y);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setLineStyle(new BasicStroke(2f));
    return true;
  }
}
