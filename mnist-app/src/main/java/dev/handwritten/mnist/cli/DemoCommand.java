package dev.handwritten.mnist.cli;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataLocator;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.Downloader;
import dev.handwritten.mnist.data.MnistFiles;
import dev.handwritten.mnist.demo.Animation;
import dev.handwritten.mnist.demo.Demo;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.Presets;
import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.train.ConsoleProgress;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mnist demo}: the recognizer at work, as an animated GIF or an MP4 video. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist demo --out FILE.gif|FILE.mp4 [options]",
    description = {
      "render the recognizer at work into an animated GIF or an MP4 video",
      "",
      "MNIST test digits drawn stroke by stroke with the live bars and the picture the network"
          + " sees, then its saliency; a photo of a number read, its boxes appearing; and the"
          + " training curves growing, from --metrics or from a short training run made for the"
          + " purpose (the bundled model carries no history). About 25 seconds."
    })
final class DemoCommand extends Subcommand {
  /** The short run: the reference CNN, so many epochs on so many training images. */
  static final int RUN_EPOCHS = 8;

  static final int RUN_IMAGES = 6000;
  static final int RUN_VALIDATION = 1000;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "where to write it: a .gif (under 2 MB) or an .mp4 file")
  Path outFile;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "directory with the four MNIST files (default: the per-user cache, downloading if"
              + " needed)")
  Path data;

  @Option(
      names = "--metrics",
      paramLabel = "FILE",
      description =
          "a training run's metrics.json whose epochs draw the curves (default: a short run of"
              + " the reference CNN, 8 epochs on 5,000 images, trained now)")
  Path metrics;

  @Mixin ModelOptions models;

  @Override
  void run() throws UsageException, IOException {
    if (Files.isDirectory(outFile)) {
      throw new UsageException("--out " + outFile + " is a folder; name a .gif or .mp4 file");
    }
    Animation animation;
    try {
      animation = Animation.open(outFile, Demo.WIDTH, Demo.HEIGHT);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Counting counting = new Counting(animation);
    try {
      Demo demo = new Demo(models.load());
      Path dir =
          DataLocator.resolve(
              Optional.ofNullable(data),
              MnistFiles.MNIST,
              new Downloader(Downloader.Listener.lines(out::println)));
      DataSet test = DataSet.loadTest(dir);
      List<EpochMetrics> curves;
      String source;
      if (metrics != null) {
        RunMetrics run = MetricsFiles.read(metrics);
        if (run.epochs().isEmpty()) {
          throw new IOException(metrics + ": holds no epochs to draw (is it an evaluation's?)");
        }
        curves = run.epochs();
        source = metrics.toString();
      } else {
        curves = shortRun(dir);
        source =
            String.format(
                Locale.ROOT,
                "a short run: the reference CNN on %,d images",
                RUN_IMAGES - RUN_VALIDATION);
      }
      out.println("demo: rendering the frames...");
      demo.render(Demo.Script.standard(test, curves, source), counting);
      counting.close();
    } catch (IOException | RuntimeException e) {
      animation.abandon();
      throw e;
    }
    out.printf(
        Locale.ROOT,
        "wrote %s: %s, %d frames, %.1f seconds%n",
        outFile,
        size(Files.size(outFile)),
        counting.frames,
        counting.centiseconds / 100.0);
  }

  /** Trains the reference CNN briefly, printing its progress, for the curves. */
  private List<EpochMetrics> shortRun(Path dir) throws IOException {
    out.printf(
        Locale.ROOT,
        "demo: training the reference CNN for %d epochs on %,d images, for the curves"
            + " (--metrics FILE takes a run's instead)%n",
        RUN_EPOCHS,
        RUN_IMAGES - RUN_VALIDATION);
    Architecture architecture = Presets.byName("reference");
    long seed = 1;
    Sequential model = architecture.build(seed);
    DataSet.Split split = DataSet.loadTrain(dir).subset(0, RUN_IMAGES).split(RUN_VALIDATION, seed);
    Trainer.Config config =
        new Trainer.Config(RUN_EPOCHS, 64, 1e-3, seed, Runtime.getRuntime().availableProcessors());
    return Trainer.train(
        model,
        () -> architecture.build(seed),
        split.train(),
        split.validation(),
        config,
        new ConsoleProgress(out, System.console() != null, RUN_EPOCHS));
  }

  private static String size(long bytes) {
    return bytes >= 1 << 20
        ? String.format(Locale.ROOT, "%.2f MB", bytes / (double) (1 << 20))
        : String.format(Locale.ROOT, "%d KB", (bytes + 1023) / 1024);
  }

  /** Counts the frames and the time going into an animation. */
  private static final class Counting implements Animation {
    private final Animation inner;
    int frames;
    long centiseconds;

    Counting(Animation inner) {
      this.inner = inner;
    }

    @Override
    public void frame(BufferedImage frame, int centiseconds) throws IOException {
      inner.frame(frame, centiseconds);
      frames++;
      this.centiseconds += centiseconds;
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }

    @Override
    public void abandon() {
      inner.abandon();
    }
  }
}
