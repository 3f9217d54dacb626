package dev.handwritten.mnist.report;

import dev.handwritten.mnist.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
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
    BufferedImage image = Png.canvas(WIDTH, HEIGHT);
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
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
    style.setMarkerSize(7);
    // Epochs are whole numbers; XChart still places ticks between them, which stay unlabelled.
    style.setxAxisTickLabelsFormattingFunction(
        x -> x == Math.rint(x) ? Long.toString(Math.round(x)) : "");
    boolean anyTrain = addSeries(chart, "train", epochs, train, scale, TRAIN);
    boolean anyValidation = addSeries(chart, "validation", epochs, validation, scale, VALIDATION);
    if (!anyTrain && !anyValidation) {
      throw new IllegalArgumentException(
          "Plots: expected at least one finite value to plot in \"" + title + "\", got none");
    }
    Graphics2D g = Png.graphics(image);
    chart.paint(g, WIDTH, HEIGHT);
    g.dispose();
    return image;
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
