package dev.handwritten.mnist.train;

import java.io.PrintStream;

/**
 * Shows training progress on a terminal: a bar redrawn in place during each epoch (step, loss,
 * accuracy, images/s, ETA), and a permanent line per epoch. When the output is not a terminal (a
 * log file, CI), the bar is replaced by a line at every quarter of the epoch, so logs stay
 * readable.
 */
public final class ConsoleProgress implements Trainer.Listener {
  private static final int WIDTH = 24;
  private final PrintStream out;
  private final boolean terminal;
  private final int epochs;
  private long lastDraw;
  private int lastQuarter;

  public ConsoleProgress(PrintStream out, boolean terminal, int epochs) {
    this.out = out;
    this.terminal = terminal;
    this.epochs = epochs;
  }

  @Override
  public void step(
      int epoch, int step, int steps, double loss, double accuracy, long images, double seconds) {
    double rate = images / Math.max(seconds, 1e-9);
    double eta = seconds / step * (steps - step);
    if (terminal) {
      long now = System.nanoTime();
      if (step < steps && now - lastDraw < 200_000_000L) {
        return;
      }
      lastDraw = now;
      int filled = (int) ((long) WIDTH * step / steps);
      String bar =
          "=".repeat(filled)
              + (filled < WIDTH ? ">" : "")
              + " ".repeat(Math.max(0, WIDTH - filled - 1));
      out.printf(
          "\repoch %d/%d [%s] %d/%d  loss %.4f  acc %.2f%%  %,.0f img/s  ETA %s   ",
          epoch, epochs, bar, step, steps, loss, 100 * accuracy, rate, clock(eta));
      out.flush();
    } else {
      int quarter = 4 * step / steps;
      if (step == 1) {
        lastQuarter = 0;
      }
      if (quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        out.printf(
            "epoch %d/%d: %d/%d steps, loss %.4f, acc %.2f%%, %,.0f img/s, ETA %s%n",
            epoch, epochs, step, steps, loss, 100 * accuracy, rate, clock(eta));
      }
    }
  }

  @Override
  public void epoch(EpochMetrics m) {
    if (terminal) {
      out.print("\r" + " ".repeat(110) + "\r");
    }
    out.printf(
        "epoch %d/%d: train loss %.4f acc %.2f%% | validation loss %.4f acc %.2f%% | %.1f s%n",
        m.epoch(),
        epochs,
        m.trainLoss(),
        100 * m.trainAccuracy(),
        m.valLoss(),
        100 * m.valAccuracy(),
        m.trainSeconds());
  }

  /** Seconds as {@code m:ss}, or {@code h:mm:ss} past an hour. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
