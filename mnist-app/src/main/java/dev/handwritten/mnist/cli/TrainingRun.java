package dev.handwritten.mnist.cli;

import dev.handwritten.kernels.KernelPath;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.mnist.io.RunFolder;
import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.mnist.report.MetricsFiles;
import dev.handwritten.mnist.report.Plots;
import dev.handwritten.mnist.report.Provenance;
import dev.handwritten.mnist.report.RunMetrics;
import dev.handwritten.mnist.train.Checkpoint;
import dev.handwritten.mnist.train.CheckpointFile;
import dev.handwritten.mnist.train.ConsoleProgress;
import dev.handwritten.mnist.train.DivergedException;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.Evaluation;
import dev.handwritten.mnist.train.Evaluator;
import dev.handwritten.mnist.train.Trainer;
import dev.handwritten.mnist.train.TrainingState;
import dev.handwritten.tensor.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One training run of {@code mnist train}, fresh or resumed: loads the data, trains with a
 * checkpoint and the history written after every epoch into the run's {@code .partial} folder,
 * evaluates on the test set, writes the outputs beside them, and publishes the folder. Ctrl-C says
 * what was saved and how to resume; a diverging run says at which step and keeps its last good
 * checkpoint.
 *
 * @param architecture the model's layers
 * @param config the training settings
 * @param schedule the schedule's name, as the command line and metrics.json spell it
 * @param limit the cap on training images, or null
 * @param validationCount images held out for validation
 * @param folder where the run is written
 * @param replace whether the run may replace an existing run folder when it is published
 * @param resumeFrom the checkpoint's state when resuming
 */
record TrainingRun(
    Architecture architecture,
    Trainer.Config config,
    String schedule,
    Integer limit,
    int validationCount,
    RunFolder folder,
    boolean replace,
    Optional<TrainingState> resumeFrom) {

  /** Runs it, printing progress to {@code out} and the interruption line to {@code err}. */
  void run(DataOptions data, PrintStream out, PrintStream err) throws UsageException, IOException {
    DataOptions.Loaded loaded = data.loadTrainAndTest(out);
    DataSet all = loaded.train();
    if (limit != null) {
      all = all.subset(0, Math.min(all.size(), limit));
    }
    if (validationCount >= all.size()) {
      throw new UsageException(
          "expected --validation below the "
              + all.size()
              + " training images, got "
              + validationCount);
    }
    requireImageSize(loaded.train(), "training", loaded.directory());
    requireImageSize(loaded.test(), "test", loaded.directory());
    DataSet.Split split = all.split(validationCount, config.seed());

    Sequential model = architecture.build(config.seed());
    if (resumeFrom.isPresent()) {
      out.printf(
          "Resuming '%s' after epoch %d of %d from %s; kernels: %s%n",
          architecture.name(),
          resumeFrom.get().epoch(),
          config.epochs(),
          folder.partial(),
          KernelPath.describe());
    } else {
      out.printf(
          "Training '%s' (%,d parameters) on %,d images, validating on %,d; kernels: %s%n",
          architecture.name(),
          model.parameterCount(),
          split.train().size(),
          split.validation().size(),
          KernelPath.describe());
      out.print(model.summary());
    }
    RunMetrics.TrainSettings settings =
        new RunMetrics.TrainSettings(
            loaded.directory().toString(),
            data.datasetName(),
            architecture.name(),
            config.epochs(),
            config.batchSize(),
            config.learningRate(),
            schedule,
            config.weightDecay(),
            config.patience(),
            config.augmentation().enabled() ? config.augmentation() : null,
            config.averaged() ? config.averageDecay() : null,
            config.seed(),
            config.threads(),
            limit,
            split.train().size(),
            split.validation().size(),
            loaded.test().size());

    Saver saver = new Saver(settings, model.parameterCount(), err);
    List<EpochMetrics> history;
    try (InterruptMessage ignored = InterruptMessage.onInterrupt(err, saver::interrupted)) {
      try {
        history =
            Trainer.train(
                model,
                () -> architecture.build(config.seed()),
                split.train(),
                split.validation(),
                config,
                resumeFrom,
                saver.listener(
                    new ConsoleProgress(out, System.console() != null, config.epochs())));
      } catch (DivergedException e) {
        throw new IllegalStateException(e.getMessage() + "; " + saver.keptAfterDivergence(), e);
      }
      saver.trained = true;
      int kept = Trainer.keptEpoch(history, config);
      if (kept != history.size() || history.size() < config.epochs()) {
        out.printf(
            "early stopping: kept the weights of epoch %d of %d run%n", kept, history.size());
      }
      Evaluation test = Evaluator.evaluate(model, loaded.test(), 1000);
      out.printf("test accuracy %.2f%%, test loss %.4f%n", 100 * test.accuracy(), test.loss());

      RunOutputs.writeTraining(
          folder.partial(),
          settings,
          architecture,
          model,
          history,
          kept,
          loaded.test(),
          test,
          loaded.classNames());
      TestingAid.stopIfAsked("outputs-written", err);
      // Under the lock: once Ctrl-C has said "resume with ...", the run is not published.
      saver.lock.lock();
      try {
        folder.publish(replace);
        Files.deleteIfExists(folder.target().resolve(CheckpointFile.NAME));
      } finally {
        saver.lock.unlock();
      }
    }
    out.println("wrote the model, metrics.json, pictures and report.html to " + folder.target());
  }

  /**
   * The preset's input is fixed, for example 28 x 28: other images must be refused here, naming
   * both sizes, not by the first layer after the model summary.
   */
  private void requireImageSize(DataSet set, String which, Path dir) throws IOException {
    Shape expected = architecture.sampleShape();
    Shape got = set.images().shape().sample();
    if (!got.equals(expected)) {
      throw new IOException(
          String.format(
              "the %s images in %s are %dx%d, but the '%s' preset takes %dx%d images (MNIST's"
                  + " size); resize the data set to %dx%d",
              which,
              dir,
              got.dim(-2),
              got.dim(-1),
              architecture.name(),
              expected.dim(-2),
              expected.dim(-1),
              expected.dim(-2),
              expected.dim(-1)));
    }
  }

  /**
   * Saves a checkpoint and the history after every epoch, and knows what was saved for the line
   * Ctrl-C prints. The lock keeps that line true: it waits for a checkpoint being written, and
   * keeps the next one from starting.
   */
  private final class Saver {
    private final RunMetrics.TrainSettings settings;
    private final long parameters;
    private final PrintStream err;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile TrainingState saved;
    private volatile int epoch;
    private volatile boolean trained;

    Saver(RunMetrics.TrainSettings settings, long parameters, PrintStream err) {
      this.settings = settings;
      this.parameters = parameters;
      this.err = err;
      this.saved = resumeFrom.orElse(null);
      this.epoch = saved == null ? 1 : saved.epoch() + 1;
    }

    Trainer.Listener listener(Trainer.Listener progress) {
      return new Trainer.Listener() {
        @Override
        public void step(
            int epoch,
            int step,
            int steps,
            double loss,
            double accuracy,
            long images,
            double seconds) {
          Saver.this.epoch = epoch;
          progress.step(epoch, step, steps, loss, accuracy, images, seconds);
          if (step == Math.max(1, steps / 2)) {
            TestingAid.stopIfAsked("mid-epoch:" + epoch, err);
          }
        }

        @Override
        public void epoch(EpochMetrics metrics) {
          progress.epoch(metrics);
        }

        @Override
        public void checkpoint(TrainingState state) {
          try {
            save(state);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }

    /** The checkpoint first, then the history: a history never runs ahead of its checkpoint. */
    private void save(TrainingState state) throws IOException {
      byte[] bytes =
          CheckpointFile.encode(
              new Checkpoint(MetricsFiles.settingsJson(settings), architecture, state));
      lock.lock();
      try {
        AtomicFiles.write(
            folder.file(CheckpointFile.NAME),
            out -> {
              out.write(bytes, 0, bytes.length / 2);
              out.flush();
              TestingAid.stopIfAsked("checkpoint-write:" + state.epoch(), err);
              out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            });
        saved = state;
      } finally {
        lock.unlock();
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put("seed", String.valueOf(settings.seed()));
      metadata.put("epochs", String.valueOf(state.epoch()));
      RunMetrics metrics =
          RunMetrics.training(
              Provenance.now(settings.threads()),
              settings,
              new ModelInfo(RunOutputs.MODEL_FILE, architecture.name(), parameters, metadata),
              state.history(),
              Trainer.keptEpoch(state.history(), config),
              null);
      MetricsFiles.write(folder.partial(), metrics);
      Plots.lossCurves(state.history(), folder.file("loss.png"));
      Plots.accuracyCurves(state.history(), folder.file("accuracy.png"));
    }

    /** The line for Ctrl-C, once a checkpoint being written is on disk. */
    String interrupted() {
      try {
        lock.tryLock(30, TimeUnit.SECONDS); // kept: no checkpoint starts after this line
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String resume = "mnist train --resume " + shellQuoted(folder.target().toString());
      TrainingState state = saved;
      if (trained) {
        return "interrupted while evaluating and writing the outputs; all "
            + state.epoch()
            + " epochs are saved in "
            + folder.partial()
            + "; finish with: "
            + resume;
      }
      if (state == null) {
        return "interrupted in epoch "
            + epoch
            + " of "
            + config.epochs()
            + ", before the first checkpoint (written after each epoch); nothing was saved";
      }
      return "interrupted in epoch "
          + epoch
          + " of "
          + config.epochs()
          + (state.epoch() == 1
              ? "; epoch 1 is saved in "
              : "; epochs 1-" + state.epoch() + " are saved in ")
          + folder.partial()
          + "; resume with: "
          + resume;
    }

    /** What is left after training diverged. */
    String keptAfterDivergence() {
      TrainingState state = saved;
      return state == null
          ? "no epoch had finished, so nothing was saved"
          : "the last good checkpoint, after epoch "
              + state.epoch()
              + ", is kept in "
              + folder.partial();
    }
  }

  /** {@code text} as one shell word: as it is when safe, else in single quotes. */
  static String shellQuoted(String text) {
    return text.matches("[A-Za-z0-9_./:=+,@%-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
