package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.bench.SpeedBench;
import dev.handwritten.mnist.bench.SpeedReport;
import dev.handwritten.mnist.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mnist bench}: how fast the library is on this machine, in a minute. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist bench [--threads N] [--json] [options]",
    description = {
      "measure the library's speed on this machine: FMA peak, products, training, inference",
      "",
      "Measures, on this CPU: the peak FMA throughput of one thread, the reference CNN's"
          + " convolution products on one thread (GFLOP/s and %% of that peak), a training epoch"
          + " (milliseconds per image, batch 128, --threads), and inference in images per second"
          + " at batch 1 (one thread) and batch 256 (--threads). Runs on seeded noise shaped like"
          + " MNIST, so it needs no data; each rate is the best of five timed windows after a"
          + " warm-up that lasts until the JIT has compiled the work, and each product is timed"
          + " alternating with the FMA peak. About a minute at the defaults. Progress goes to"
          + " standard error.",
      "",
      "With --json, prints one JSON object instead of the table, its inference fields named"
          + " as the peers' in ../shared/peers name theirs (infer_b1_ips, infer_b256_ips)."
    })
final class BenchCommand extends Subcommand {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "threads for training and batch-256 inference (default: all cores)")
  Integer threads;

  @Option(
      names = "--train-images",
      paramLabel = "N",
      description =
          "images in the timed training epoch, after one epoch of warm-up (default 12800)")
  int trainImages = 12_800;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description =
          "about how long each rate is measured, after at least as long of warm-up (default 1)")
  double seconds = 1;

  @Option(names = "--json", description = "one JSON object on standard output instead of the table")
  boolean json;

  @Override
  void run() throws Exception {
    int threadCount = threadCount(threads, "the bench");
    atLeast("--train-images", trainImages, 1);
    long millis = Math.max(1, Math.round(1000 * positive("--seconds", seconds)));
    SpeedReport report =
        new SpeedBench(threadCount, trainImages, millis)
            .run(step -> err.println("mnist bench: " + step + "..."));
    if (json) {
      out.println(Json.LINES.writeValueAsString(report));
    } else {
      report.print(out);
    }
  }
}
