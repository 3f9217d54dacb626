package dev.handwritten.mnist.serve;

import dev.handwritten.mnist.model.ModelInfo;
import java.util.List;

/**
 * What {@code GET /api/model} answers: the model the server runs, and the limits it keeps.
 *
 * @param description e.g. {@code bundled model (/models/default.hwnn)}
 * @param models each model of the ensemble (one, usually): its file, preset, size and metadata
 * @param input the shape of one input, e.g. {@code [1, 28, 28]}
 * @param classes how many classes it tells apart
 * @param layers the first model's layers, in order
 * @param limits what one request may cost
 */
record ModelReport(
    String description,
    List<ModelInfo> models,
    int[] input,
    int classes,
    List<String> layers,
    LimitsReport limits) {

  /**
   * {@link Limits} in plain units.
   *
   * @param maxBodyBytes the largest request body
   * @param maxPixels the largest picture, width times height
   * @param timeLimitSeconds the most a request may take
   * @param maxInFlight requests received, waiting or worked on at once; beyond it, 429
   */
  record LimitsReport(long maxBodyBytes, long maxPixels, double timeLimitSeconds, int maxInFlight) {
    static LimitsReport of(Limits limits) {
      return new LimitsReport(
          limits.maxBodyBytes(),
          limits.maxPixels(),
          limits.timeLimit().toMillis() / 1000.0,
          limits.maxInFlight());
    }
  }
}
