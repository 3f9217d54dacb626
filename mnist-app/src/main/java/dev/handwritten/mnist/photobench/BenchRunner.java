package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.page.PageReading;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a reader over the benchmark's photos on several threads and scores every reading.
 *
 * <pre>{@code
 * PageReader pageReader = new PageReader(Recognizer.bundled());
 * BenchResult result = new BenchRunner(bench, Condition.all(), 100, 2)
 *     .run(pageReader::read, "PageReader", "MNIST test set", BenchRunner.Listener.NONE);
 * result.overall().digitAccuracy();
 * }</pre>
 *
 * <p>Each photo is made and read on a worker thread, so the reader must be safe to call from
 * several threads at once ({@code PageReader} is: it keeps no state between pictures, and its
 * {@code Recognizer} lends each thread a replica). Results come back in the order of the photos,
 * whatever the number of threads, so two runs of the same reader give the same table.
 */
public final class BenchRunner {
  /** Reads one photo. */
  @FunctionalInterface
  public interface Reader {
    PageReading read(BufferedImage picture);
  }

  /** Hears of each photo as it is read, on the worker thread that read it. */
  public interface Listener {
    /** A listener that does nothing. */
    Listener NONE = new Listener() {};

    /**
     * One photo read; called from worker threads, several at once.
     *
     * @throws IOException to stop the run
     */
    default void read(Photo photo, PageReading reading, Score score) throws IOException {}

    /** {@code done} of {@code total} photos read; called from worker threads, one at a time. */
    default void progress(int done, int total) {}
  }

  private final PhotoBench bench;
  private final List<Condition> conditions;
  private final int perCondition;
  private final int threads;

  /**
   * @param conditions which conditions, in table order
   * @param perCondition photos per condition, at least 1
   * @param threads worker threads, at least 1
   */
  public BenchRunner(PhotoBench bench, List<Condition> conditions, int perCondition, int threads) {
    if (conditions.isEmpty() || perCondition < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "BenchRunner: expected conditions, perCondition >= 1 and threads >= 1, got "
              + conditions.size()
              + " conditions, perCondition "
              + perCondition
              + ", threads "
              + threads);
    }
    this.bench = bench;
    this.conditions = List.copyOf(conditions);
    this.perCondition = perCondition;
    this.threads = threads;
  }

  /**
   * Reads every photo and scores it. A photo on which the reader throws a runtime exception is
   * scored as read empty, and its message kept: one bad photo does not stop the run.
   *
   * @param readerName what reads, for the record, e.g. {@code PageReader, bundled model}
   * @param digitsName where the digits come from, for the record
   * @throws IOException if the listener fails
   * @throws InterruptedException if the thread is interrupted while it waits
   */
  public BenchResult run(Reader reader, String readerName, String digitsName, Listener listener)
      throws IOException, InterruptedException {
    BenchResult.Settings settings =
        new BenchResult.Settings(bench.seed(), perCondition, threads, digitsName, readerName);
    long start = System.nanoTime();
    int total = conditions.size() * perCondition;
    AtomicInteger done = new AtomicInteger();
    Object progressLock = new Object(); // progress is reported one photo at a time
    List<Future<PictureResult>> futures = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread t = new Thread(task, "photo-bench");
              t.setDaemon(true);
              return t;
            });
    try {
      for (Condition condition : conditions) {
        for (int i = 0; i < perCondition; i++) {
          int index = i;
          futures.add(
              pool.submit(
                  () -> {
                    PictureResult r = readOne(condition, index, reader, listener);
                    synchronized (progressLock) {
                      listener.progress(done.incrementAndGet(), total);
                    }
                    return r;
                  }));
        }
      }
      List<PictureResult> pictures = new ArrayList<>();
      for (Future<PictureResult> f : futures) {
        pictures.add(await(f));
      }
      return result(settings, pictures, (System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private PictureResult readOne(Condition condition, int index, Reader reader, Listener listener)
      throws IOException {
    Photo photo = bench.photo(condition, index);
    BufferedImage picture = photo.picture();
    PageReading reading;
    String error = "";
    try {
      reading = reader.read(picture);
    } catch (RuntimeException e) {
      reading = new PageReading(picture.getWidth(), picture.getHeight(), List.of());
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Score score = Scoring.score(photo, reading);
    listener.read(photo, reading, score);
    return new PictureResult(
        photo.id(),
        condition.id(),
        photo.difficulties().stream().map(Condition::id).toList(),
        picture.getWidth(),
        picture.getHeight(),
        photo.number(),
        reading.number(),
        score,
        error);
  }

  private static PictureResult await(Future<PictureResult> future)
      throws IOException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case UncheckedIOException io -> throw io.getCause();
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  private BenchResult result(
      BenchResult.Settings settings, List<PictureResult> pictures, double seconds) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (Condition c : conditions) {
      tallies.put(c.id(), Tally.EMPTY);
    }
    for (PictureResult p : pictures) {
      tallies.merge(
          p.condition(),
          Tally.EMPTY.plus(p.score(), p.fourDigit(), !p.error().isEmpty()),
          Tally::plus);
    }
    List<BenchResult.ConditionResult> rows = new ArrayList<>();
    Tally overall = Tally.EMPTY;
    for (Condition c : conditions) {
      Tally t = tallies.get(c.id());
      rows.add(new BenchResult.ConditionResult(c.id(), c.description(), t));
      overall = overall.plus(t);
    }
    return new BenchResult(settings, rows, overall, pictures, seconds);
  }
}
