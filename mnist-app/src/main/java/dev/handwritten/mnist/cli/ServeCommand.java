package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.serve.DigitServer;
import dev.handwritten.mnist.serve.Limits;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mnist serve}: the page to draw digits on, and the JSON API, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist serve [options]",
    description = {
      "draw digits in your browser and look inside the network; a JSON API",
      "",
      "Serves a page to draw digits on (mouse, pen or touch) or drop photos onto, with the"
          + " answer, a bar per class, the 28 x 28 picture the network sees, each convolution's"
          + " feature maps and a saliency map; and the JSON API it uses: POST /api/predict, POST"
          + " /api/explain, GET /api/model, GET /healthz. Prints the address, and runs until"
          + " Ctrl-C."
    })
final class ServeCommand extends Subcommand {
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "the port to listen on; 0 picks a free one (default 8080)")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for a phone"
              + " on the same network)")
  String host = "127.0.0.1";

  @Mixin ModelOptions models;

  @Option(
      names = "--max-body-mb",
      paramLabel = "N",
      description = "the largest request body, in megabytes (default 10)")
  double maxBodyMb = Limits.DEFAULT.maxBodyBytes() / (double) (1 << 20);

  @Option(
      names = "--max-megapixels",
      paramLabel = "N",
      description = "the largest picture, checked before decoding it (default 50)")
  double maxMegapixels = Limits.DEFAULT.maxPixels() / 1e6;

  @Option(
      names = "--time-limit",
      paramLabel = "SECONDS",
      description = "the most one request may take; later, it is answered 503 (default 30)")
  double timeLimit = Limits.DEFAULT.timeLimit().toSeconds();

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      description = "requests taken at once; one more is answered 429 (default 64)")
  int maxInFlight = Limits.DEFAULT.maxInFlight();

  @Override
  void run() throws UsageException, IOException, InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new UsageException("expected --port in [0, 65535], got " + port);
    }
    Limits limits =
        new Limits(
            (long) (positive("--max-body-mb", maxBodyMb) * (1 << 20)),
            (long) (positive("--max-megapixels", maxMegapixels) * 1e6),
            Duration.ofMillis((long) (positive("--time-limit", timeLimit) * 1000)),
            atLeast("--max-in-flight", maxInFlight, 1));
    Recognizer recognizer = models.load();
    DigitServer server;
    try {
      server = DigitServer.start(recognizer, host, port, limits, err);
    } catch (BindException e) {
      throw new IOException(
          "cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); is another server using it? choose another with --port",
          e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  out.println("mnist serve: stopped");
                  stopped.countDown();
                },
                "mnist-serve-stop"));
    out.println("mnist serve: " + recognizer.describe());
    out.println("mnist serve: listening on " + server.url() + "  (Ctrl-C stops)");
    stopped.await();
  }
}
