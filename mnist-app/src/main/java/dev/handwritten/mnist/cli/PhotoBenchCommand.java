package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.data.DataLocator;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.Downloader;
import dev.handwritten.mnist.data.MnistFiles;
import dev.handwritten.mnist.page.PageReader;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.photobench.BenchReport;
import dev.handwritten.mnist.photobench.BenchResult;
import dev.handwritten.mnist.photobench.BenchRunner;
import dev.handwritten.mnist.photobench.Condition;
import dev.handwritten.mnist.photobench.Photo;
import dev.handwritten.mnist.photobench.PhotoBench;
import dev.handwritten.mnist.photobench.Score;
import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mnist photo-bench}: the page reader on generated phone photos of handwritten numbers. */
@Command(
    name = "photo-bench",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist photo-bench [--data DIR] [--per-condition N] [--seed N] [options]",
    description = {
      "measure the page reader on generated phone photos of handwritten numbers",
      "",
      "Generates phone photos of numbers of 1 to 8 digits written with MNIST test digits (never the"
          + " training set) under named conditions (clean, grid-paper, ruled-paper, shadow,"
          + " pencil-thin, blur, jpeg-low, perspective, touching, multi-line, mix, ...), reads"
          + " each with the page reader, and scores the reading against the exact ground truth:"
          + " digit accuracy, whole-number exact match (also for 4-digit numbers alone), and"
          + " missed, merged, split and spurious digits, per condition and over all. The same"
          + " seed gives the same photos bit for bit.",
      "",
      "Writes into --out:",
      "  results.md (the table), results.json, pictures.jsonl (one line per photo),",
      "  examples/ (the first --examples photos of each condition, boxes drawn),",
      "  photos/ (with --save-photos: every photo's JPEG and ground truth)"
    })
final class PhotoBenchCommand extends Subcommand {
  /** Memory one worker may need at once: a 12-megapixel photo drawn, encoded, decoded and read. */
  private static final long BYTES_PER_THREAD = 600L << 20;

  @Spec CommandSpec spec;

  @Mixin ModelOptions models;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "directory with the MNIST files, whose test set is used"
              + " (default: the per-user cache, downloading if needed)")
  Path data;

  @Option(
      names = "--per-condition",
      paramLabel = "N",
      description = "photos per condition (default 100)")
  int perCondition = 100;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "chooses the photos (default 1, the published table's)")
  long seed = 1;

  @Option(
      names = "--conditions",
      paramLabel = "LIST",
      split = ",",
      description = "which conditions, comma-separated (default: all)")
  List<String> conditions = new ArrayList<>();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "reader threads (default: all cores, as memory allows)")
  Integer threads;

  @Option(
      names = "--examples",
      paramLabel = "N",
      description = "photos of each condition to draw with their boxes (default 3)")
  int examples = 3;

  @Option(names = "--save-photos", description = "also write every photo and its ground truth")
  boolean savePhotos;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where to write the results (default runs/photo-bench-<time>)")
  Path outDir;

  @Override
  void run() throws UsageException, IOException, InterruptedException {
    atLeast("--per-condition", perCondition, 1);
    atLeast("--examples", examples, 0);
    List<Condition> chosen = chosenConditions();
    int workers = workers();
    Path runDir = outDir == null ? RunOutputs.defaultDir("photo-bench") : outDir;
    RunOutputs.checkOutDir(runDir);

    Path dir =
        DataLocator.resolve(
            Optional.ofNullable(data),
            MnistFiles.MNIST,
            new Downloader(Downloader.Listener.lines(out::println)));
    DataSet test = DataSet.loadTest(dir);
    Recognizer recognizer = models.load();
    PageReader reader = new PageReader(recognizer);
    BenchRunner runner = new BenchRunner(new PhotoBench(test, seed), chosen, perCondition, workers);
    out.printf(
        "Reading %,d photos (%d conditions x %d, seed %d) with PageReader and %s on %d threads%n",
        chosen.size() * perCondition,
        chosen.size(),
        perCondition,
        seed,
        recognizer.describe(),
        workers);
    BenchResult result =
        runner.run(
            reader::read,
            "PageReader with the " + recognizer.describe(),
            "the MNIST test set (" + test.size() + " digits)",
            new Progress(BenchReport.files(runDir, examples, savePhotos), out));
    out.print(BenchReport.markdown(result));
    BenchReport.write(runDir, result, commandLine());
    out.printf("%.0f s; wrote the table, results and examples to %s%n", result.seconds(), runDir);
  }

  private List<Condition> chosenConditions() throws UsageException {
    if (conditions.isEmpty()) {
      return Condition.all();
    }
    List<Condition> chosen = new ArrayList<>();
    for (String name : conditions) {
      try {
        Condition c = Condition.of(name.strip());
        if (!chosen.contains(c)) {
          chosen.add(c);
        }
      } catch (IllegalArgumentException e) {
        throw new UsageException("--conditions: " + e.getMessage());
      }
    }
    return chosen;
  }

  /** The threads asked for, or all cores; no more than the JVM's memory holds photos for. */
  private int workers() throws UsageException {
    int wanted =
        threads == null
            ? Runtime.getRuntime().availableProcessors()
            : atLeast("--threads", threads, 1);
    int memory = (int) Math.max(1, Runtime.getRuntime().maxMemory() / BYTES_PER_THREAD);
    if (wanted > memory) {
      out.printf(
          "using %d threads, not %d: each may hold a 12-megapixel photo (about 600 MB), and the"
              + " JVM has %,d MB (raise it with -Xmx)%n",
          memory, wanted, Runtime.getRuntime().maxMemory() >> 20);
    }
    return Math.min(wanted, memory);
  }

  private String commandLine() {
    return "mnist " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }

  /**
   * Progress on the terminal, redrawn in place, or a line per tenth of the run in a log; the files
   * of each photo passed on to {@code files}.
   */
  private static final class Progress implements BenchRunner.Listener {
    private final BenchRunner.Listener files;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastTenth;

    Progress(BenchRunner.Listener files, PrintStream out) {
      this.files = files;
      this.out = out;
    }

    @Override
    public void read(Photo photo, PageReading reading, Score score) throws IOException {
      files.read(photo, reading, score);
    }

    @Override
    public void progress(int done, int total) {
      double seconds = (System.nanoTime() - start) / 1e9;
      String line =
          String.format(
              "photo-bench: %,d/%,d photos (%d%%), %.1f photos/s, ETA %s",
              done,
              total,
              100 * done / total,
              done / seconds,
              clock(seconds / done * (total - done)));
      if (terminal) {
        long now = System.nanoTime();
        if (done == total || now - lastDraw > 200_000_000L) {
          lastDraw = now;
          out.print("\r" + line + "   " + (done == total ? "\n" : ""));
          out.flush();
        }
      } else if (10 * done / total > lastTenth) {
        lastTenth = 10 * done / total;
        out.println(line);
      }
    }

    private static String clock(double seconds) {
      long s = Math.round(seconds);
      return String.format("%d:%02d", s / 60, s % 60);
    }
  }
}
