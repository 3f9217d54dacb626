/**
 * What a training run leaves behind for people to read: {@link dev.handwritten.mnist.report.Plots}
 * draws the PNG pictures (loss and accuracy curves with XChart, image grids and the confusion heat
 * map with plain {@code java.awt}), {@link dev.handwritten.mnist.report.HtmlReport} gathers them
 * into one self-contained page, {@link dev.handwritten.mnist.report.MetricsFiles} writes and reads
 * the machine-readable {@code metrics.json} ({@link dev.handwritten.mnist.report.RunMetrics}) and
 * {@code metrics.csv}, and {@link dev.handwritten.mnist.report.Provenance} says which build on
 * which machine produced them.
 *
 * <p>Every file is written to a temporary file beside its target and then moved into place, so a
 * crash or a full disk never leaves a half-written picture or report where the old one was. All
 * drawing works without a display.
 */
package dev.handwritten.mnist.report;
