package dev.handwritten.mnist.bench;

import dev.handwritten.mnist.report.Provenance;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code mnist bench} measured. Names follow the peers' JSON in {@code ../shared/peers/}
 * ({@code infer_b1_ips}, {@code infer_b256_ips}), so that the figures compare line by line.
 *
 * @param machine the CPU, cores, vector width and Java it ran on
 * @param threads threads for training and batch-256 inference (products and batch-1: one)
 * @param fmaPeakGflops one thread's peak single-precision FMA throughput, GFLOP/s
 * @param products the convolution products, one thread each
 * @param trainMsPerImage a training epoch of the reference CNN, milliseconds per image
 * @param trainImages the images of the timed epoch
 * @param inferB1Ips inference one image at a time, one thread, images per second
 * @param inferB256Ips inference in batches of 256 on {@code threads} threads, images per second
 */
public record SpeedReport(
    Provenance.Machine machine,
    int threads,
    double fmaPeakGflops,
    List<Product> products,
    double trainMsPerImage,
    int trainImages,
    double inferB1Ips,
    double inferB256Ips) {

  /**
   * One matrix product as the reference CNN's training issues it.
   *
   * @param name for example {@code conv2 forward}
   * @param shape {@code m x n x k} and which operands are stored transposed
   * @param gflops its speed on one thread
   * @param percentOfPeak {@code gflops} over the FMA peak measured in the same run
   */
  public record Product(String name, String shape, double gflops, double percentOfPeak) {}

  /** The table a person reads. */
  public void print(PrintStream out) {
    out.printf(
        "CPU: %s, %d cores, %s%n", machine.cpuModel(), machine.coresAvailable(), machine.kernels());
    out.printf("Java: %s%n%n", machine.java());
    out.printf(
        "%-44s %12s%n", "FMA peak, one thread", String.format("%.1f GFLOP/s", fmaPeakGflops));
    for (Product p : products) {
      out.printf(
          "%-44s %12s  %5.1f%% of peak%n",
          p.name() + " (" + p.shape() + ")",
          String.format("%.1f GFLOP/s", p.gflops()),
          p.percentOfPeak());
    }
    out.printf(
        "%-44s %12s%n",
        "training, " + threads + " thread" + (threads == 1 ? "" : "s") + ", batch 128",
        String.format("%.3f ms/image", trainMsPerImage));
    out.printf(
        "%-44s %12s%n", "inference, batch 1, 1 thread", String.format("%,.0f img/s", inferB1Ips));
    out.printf(
        "%-44s %12s%n",
        "inference, batch 256, " + threads + " thread" + (threads == 1 ? "" : "s"),
        String.format("%,.0f img/s", inferB256Ips));
    if (products.stream().anyMatch(p -> p.percentOfPeak() > 100)) {
      out.printf("%n%s%n", PEAK_MEASURED_LOW);
    }
  }

  /**
   * What the table adds when a product beat the FMA peak, which no product can really do: on a
   * shared machine the peak's loop, which does nothing but multiply-adds, was slowed in every
   * window (seen here: 63.8 GFLOP/s against 78-91 on a quiet machine, beside products at 70-72).
   */
  static final String PEAK_MEASURED_LOW =
      "note: a product ran faster than the FMA peak measured beside it, so the peak was measured"
          + " low (another program was using the CPU's multiply-add units); the percentages are"
          + " too high. Run again when the machine is quieter.";
}
