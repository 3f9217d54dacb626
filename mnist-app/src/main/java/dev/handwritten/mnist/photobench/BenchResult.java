package dev.handwritten.mnist.photobench;

import java.util.List;

/**
 * A benchmark run: what was run, the tally of each condition and of all, and every photo's result.
 *
 * @param settings what was run
 * @param conditions one row per condition, in the order run
 * @param overall every photo together
 * @param pictures every photo, condition by condition, in index order
 * @param seconds the run's wall-clock time
 */
public record BenchResult(
    Settings settings,
    List<ConditionResult> conditions,
    Tally overall,
    List<PictureResult> pictures,
    double seconds) {
  public BenchResult {
    conditions = List.copyOf(conditions);
    pictures = List.copyOf(pictures);
  }

  /**
   * What a run measured, and with what.
   *
   * @param seed the benchmark's seed
   * @param perCondition photos per condition
   * @param threads reader threads
   * @param digits where the handwritten digits came from
   * @param reader what read the photos
   */
  public record Settings(long seed, int perCondition, int threads, String digits, String reader) {}

  /**
   * One condition's row.
   *
   * @param condition the condition's id
   * @param description what its photos show
   * @param tally its counts
   */
  public record ConditionResult(String condition, String description, Tally tally) {}
}
