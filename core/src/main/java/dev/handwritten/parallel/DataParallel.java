package dev.handwritten.parallel;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Parameter;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * Computes a batch's loss gradient on several threads, with results that are bit-identical whatever
 * the number of threads.
 *
 * <pre>{@code
 * try (DataParallel parallel = new DataParallel(model, seed -> architecture.build(seed), 16, 2)) {
 *   SoftmaxCrossEntropy.Result r = parallel.computeGradients(x, labels, step); // into model's grads
 *   adam.step();
 *   parallel.syncReplicas();                                                   // copy new weights
 * }
 * }</pre>
 *
 * <h2>Why the result does not depend on the thread count</h2>
 *
 * The batch is cut into chunks of a fixed size, a partition that depends only on the batch size and
 * the chunk size, never on the threads. Each chunk has its own replica of the model (its own
 * buffers and gradients, the master's weights), so a chunk's gradient is the same computation
 * whichever thread runs it. The chunk gradients are then summed into the master's gradients in
 * chunk order, each scaled by {@code chunk / batch} (the loss is a mean over the batch). Dropout
 * masks come from {@code Mode.train(step * 65536 + chunk)}, so each chunk has its own mask and the
 * same one on every run. Float addition is not associative, so this fixed order is the whole point:
 * a work-stealing reduction would be faster to write and differ in the last bits.
 *
 * <p>The workers are a fixed pool of platform threads that block when idle; nothing spins, so the
 * pool degrades gracefully on a shared machine.
 */
public final class DataParallel implements AutoCloseable {
  private static final int MAX_CHUNKS = 65536;

  private final Sequential master;
  private final LongFunction<Sequential> replicaFactory;
  private final int chunkSize;
  private final ExecutorService pool;
  private final int threads;
  private final List<Chunk> chunks = new ArrayList<>();

  /** One slice of the batch and the replica that processes it. */
  private static final class Chunk {
    final Sequential replica;
    final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    Tensor x;
    int[] labels;
    SoftmaxCrossEntropy.Result result;

    Chunk(Sequential replica) {
      this.replica = replica;
    }
  }

  /**
   * @param master the model whose gradients receive the batch's gradient, and whose weights the
   *     replicas copy
   * @param replicaFactory builds a model of the same architecture (the argument is a seed; the
   *     weights are overwritten with the master's)
   * @param chunkSize samples per chunk, at least 1: fixes the partition, and so the results
   * @param threads worker threads, at least 1
   */
  public DataParallel(
      Sequential master, LongFunction<Sequential> replicaFactory, int chunkSize, int threads) {
    if (chunkSize < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "DataParallel: expected chunkSize >= 1 and threads >= 1, got "
              + chunkSize
              + " and "
              + threads);
    }
    this.master = master;
    this.replicaFactory = replicaFactory;
    this.chunkSize = chunkSize;
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "handwritten-worker");
                  t.setDaemon(true);
                  return t;
                });
  }

  public int threads() {
    return threads;
  }

  /**
   * Sets the master's gradients to the gradient of the mean loss over the batch.
   *
   * @param x the batch, {@code [N, ...]}
   * @param labels {@code N} class indices
   * @param step the training step, which seeds dropout
   * @return the batch's mean loss and number correct; its gradient tensor is not meaningful
   */
  public SoftmaxCrossEntropy.Result computeGradients(Tensor x, int[] labels, long step) {
    int batch = x.shape().dim(0);
    if (labels.length != batch) {
      throw new IllegalArgumentException(
          "DataParallel: expected "
              + batch
              + " labels for "
              + x.shape()
              + ", got "
              + labels.length);
    }
    int count = (batch + chunkSize - 1) / chunkSize;
    if (count > MAX_CHUNKS) {
      throw new IllegalArgumentException(
          "DataParallel: expected at most " + MAX_CHUNKS + " chunks, got " + count);
    }
    prepare(x, labels, count);
    List<Runnable> work = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      Chunk chunk = chunks.get(c);
      long chunkStep = step * MAX_CHUNKS + c;
      work.add(
          () -> {
            chunk.replica.zeroGrad();
            chunk.result =
                chunk.loss.compute(
                    chunk.replica.forward(chunk.x, Mode.train(chunkStep)), chunk.labels);
            chunk.replica.backwardParametersOnly(chunk.result.logitsGradient());
          });
    }
    runAll(work);
    reduce(count, batch);
    double loss = 0;
    int correct = 0;
    for (int c = 0; c < count; c++) {
      Chunk chunk = chunks.get(c);
      loss += chunk.result.loss() * chunk.labels.length;
      correct += chunk.result.correct();
    }
    return new SoftmaxCrossEntropy.Result(
        loss / batch, correct, chunks.getFirst().result.logitsGradient());
  }

  /**
   * Copies the master's weights into every replica: call after each optimizer step. Non-trained
   * state (batch normalization's running statistics) goes the other way first: the master's becomes
   * the mean of the replicas' in chunk order, which equals one running update with the chunks'
   * statistics averaged, and is then copied back to every replica.
   */
  public void syncReplicas() {
    List<Tensor> masterState = master.state();
    if (!masterState.isEmpty() && !chunks.isEmpty()) {
      for (int t = 0; t < masterState.size(); t++) {
        float[] target = masterState.get(t).data();
        java.util.Arrays.fill(target, 0f);
        for (Chunk chunk : chunks) {
          float[] from = chunk.replica.state().get(t).data();
          for (int i = 0; i < target.length; i++) {
            target[i] += from[i] / chunks.size();
          }
        }
        for (Chunk chunk : chunks) {
          System.arraycopy(target, 0, chunk.replica.state().get(t).data(), 0, target.length);
        }
      }
    }
    List<Parameter> source = master.parameters();
    for (Chunk chunk : chunks) {
      List<Parameter> target = chunk.replica.parameters();
      for (int p = 0; p < source.size(); p++) {
        float[] from = source.get(p).value().data();
        System.arraycopy(from, 0, target.get(p).value().data(), 0, from.length);
      }
    }
  }

  /** Creates replicas as needed and copies each chunk's slice of the batch into its own tensors. */
  private void prepare(Tensor x, int[] labels, int count) {
    while (chunks.size() < count) {
      Chunk chunk = new Chunk(replicaFactory.apply(chunks.size()));
      chunks.add(chunk);
      List<Parameter> source = master.parameters();
      List<Parameter> target = chunk.replica.parameters();
      for (int p = 0; p < source.size(); p++) {
        float[] from = source.get(p).value().data();
        System.arraycopy(from, 0, target.get(p).value().data(), 0, from.length);
      }
      List<Tensor> masterState = master.state();
      for (int t = 0; t < masterState.size(); t++) {
        float[] from = masterState.get(t).data();
        System.arraycopy(from, 0, chunk.replica.state().get(t).data(), 0, from.length);
      }
    }
    int batch = x.shape().dim(0);
    int sampleSize = x.size() / batch;
    for (int c = 0; c < count; c++) {
      Chunk chunk = chunks.get(c);
      int from = c * chunkSize;
      int size = Math.min(chunkSize, batch - from);
      if (chunk.x == null
          || chunk.x.shape().dim(0) != size
          || !chunk.x.shape().sample().equals(x.shape().sample())) {
        chunk.x = Tensor.zeros(x.shape().withDim(0, size));
        chunk.labels = new int[size];
      }
      System.arraycopy(x.data(), from * sampleSize, chunk.x.data(), 0, size * sampleSize);
      System.arraycopy(labels, from, chunk.labels, 0, size);
    }
  }

  /** master.grad = sum over chunks, in chunk order, of (chunk / batch) * chunk.grad. */
  private void reduce(int count, int batch) {
    List<Parameter> target = master.parameters();
    List<Runnable> work = new ArrayList<>();
    for (int p = 0; p < target.size(); p++) {
      int index = p;
      work.add(
          () -> {
            float[] sum = target.get(index).grad().data();
            java.util.Arrays.fill(sum, 0f);
            for (int c = 0; c < count; c++) {
              Chunk chunk = chunks.get(c);
              float scale = chunk.labels.length / (float) batch;
              float[] g = chunk.replica.parameters().get(index).grad().data();
              for (int i = 0; i < sum.length; i++) {
                sum[i] += scale * g[i];
              }
            }
          });
    }
    runAll(work);
  }

  private void runAll(List<Runnable> work) {
    if (pool == null) {
      work.forEach(Runnable::run);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(work.size());
    for (Runnable task : work) {
      futures.add(pool.submit(task));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("DataParallel: interrupted while waiting for the workers", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(
          "DataParallel: a worker failed: " + e.getCause(), e.getCause());
    }
  }

  /** Stops the worker threads. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
