package dev.handwritten.docs.examples;

import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Relu;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.optim.Adam;
import dev.handwritten.parallel.DataParallel;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@link QuickStart}'s circle, trained on several threads with {@link DataParallel}: the same
 * weights, bit for bit, whatever the number of threads. Shown in docs/using-core.md; run by the
 * docs module's tests.
 */
public final class ParallelTraining {
  private ParallelTraining() {}

  /** What one run achieved, and the weights it ended with. */
  public record Outcome(double firstLoss, double lastLoss, float[] firstWeights) {}

  /** Trains for {@code steps} batches of 64 points on {@code threads} threads. */
  public static Outcome run(int steps, long seed, int threads) {
    // snippet:parallel
    // Builds the model the same way every time: the workers' replicas must match the master.
    Supplier<Sequential> build =
        () ->
            new Sequential(
                Shape.of(2), new Dense(2, 32, seed), new Relu(), new Dense(32, 2, seed + 1));
    Sequential model = build.get();
    Adam adam = new Adam(model.parameters(), Adam.Config.DEFAULT.withLearningRate(0.01));

    SplittableRandom random = new SplittableRandom(seed);
    Tensor points = Tensor.zeros(64, 2); // [N, 2]
    int[] labels = new int[64];
    double firstLoss = 0;
    double lastLoss = 0;
    // Chunks of 16 points: the chunk size, never the number of threads, fixes how a batch is
    // split, and so the result.
    try (DataParallel parallel = new DataParallel(model, build, 16, threads)) {
      for (int step = 0; step < steps; step++) {
        QuickStart.sample(random, points, labels);
        // Sets the model's gradients to the batch's (no zeroGrad needed); the step seeds dropout.
        SoftmaxCrossEntropy.Result result = parallel.computeGradients(points, labels, step);
        adam.step();
        parallel.syncReplicas(); // the workers' replicas take the new weights
        firstLoss = step == 0 ? result.loss() : firstLoss;
        lastLoss = result.loss();
      }
    }
    // end-snippet
    return new Outcome(firstLoss, lastLoss, model.parameters().getFirst().value().data().clone());
  }
}
