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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Computes a batch's loss gradient on several threads, with results that are bit-identical whatever
 * the number of threads.
 *
 * <pre>{@code
 * try (DataParallel parallel = new DataParallel(model, () -> architecture.build(seed), 16, 2)) {
 *   SoftmaxCrossEntropy.Result r = parallel.computeGradients(x, labels, step); // into model's grads
 *   adam.step();
 *   parallel.syncReplicas();                                                   // copy new weights
 * }
 * }</pre>
 *
 * <h2>Why the result does not depend on the thread count</h2>
 *
 * The batch is cut into chunks of a fixed size, a partition that depends only on the batch size and
 * the chunk size, never on the threads. Each worker thread has its own replica of the model (its
 * own buffers, the master's weights) and starts every chunk from the master's state (batch
 * normalization's running statistics), so a chunk's gradient is the same computation whichever
 * thread runs it. Each chunk's gradient is copied out of the replica, and the chunk gradients are
 * then summed into the master's gradients in chunk order, each scaled by {@code chunk / batch} (the
 * loss is a mean over the batch). Dropout masks come from {@code Mode.train(step * 65536 + chunk)},
 * so each chunk has its own mask and the same one on every run. Float addition is not associative,
 * so this fixed order is the whole point: a work-stealing reduction would be faster to write and
 * differ in the last bits.
 *
 * <p>The workers are a fixed pool of platform threads that block when idle; nothing spins, so the
 * pool degrades gracefully on a shared machine. A replica per thread rather than per chunk keeps
 * the activations of only as many chunks in memory as there are threads (measured: 15-25% faster
 * per chunk with two threads than when each thread cycled through four replicas).
 */
public final class DataParallel implements AutoCloseable {
  private static final int MAX_CHUNKS = 65536;

  private final Sequential master;
  private final Supplier<Sequential> replicaFactory;
  private final int chunkSize;
  private final ExecutorService pool;
  private final int threads;
  private final List<Chunk> chunks = new ArrayList<>();
  private final List<Worker> workers = new ArrayList<>();
  private int lastCount; // chunks in the last batch

  /** One slice of the batch, and what its computation leaves behind. */
  private static final class Chunk {
    final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    Tensor x;
    int[] labels;
    SoftmaxCrossEntropy.Result result;
    float[][] gradients; // per parameter of the model: this chunk's gradient
    float[][] state; // per state tensor: the replica's state after this chunk
  }

  /** A worker thread's replicas: one for full chunks, one for a shorter last chunk. */
  private static final class Worker {
    final Sequential full;
    Sequential tail; // built when a batch first ends in a shorter chunk

    Worker(Sequential full) {
      this.full = full;
    }
  }

  /**
   * Computes gradients on {@code threads} worker threads, each with its own replica of the model.
   *
   * @param master the model whose gradients receive the batch's gradient, and whose weights the
   *     replicas copy
   * @param replicaFactory builds a model exactly as the master was built (same architecture, same
   *     seed): layers that draw randomness from their seed, such as dropout, must draw the same in
   *     every replica, because a chunk may run on any of them. The weights are then overwritten
   *     with the master's.
   * @param chunkSize samples per chunk, at least 1: fixes the partition, and so the results
   * @param threads worker threads, at least 1
   * @throws IllegalArgumentException if {@code chunkSize} or {@code threads} is below 1
   */
  public DataParallel(
      Sequential master, Supplier<Sequential> replicaFactory, int chunkSize, int threads) {
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

  /** {@return the number of worker threads} */
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
    lastCount = count;
    // Workers take the next chunk as they become free, which evens out a worker that the machine
    // slows down (measured, reference CNN, batch 128, two threads: best step 49-55 ms with a fixed
    // round-robin, 43-45 ms this way). Which replica runs a chunk does not change its result.
    AtomicInteger next = new AtomicInteger();
    List<Runnable> work = new ArrayList<>();
    for (int w = 0; w < Math.min(threads, count); w++) {
      Worker worker = workers.get(w);
      work.add(
          () -> {
            for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
              computeChunk(worker, chunks.get(c), step * MAX_CHUNKS + c);
            }
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

  /** One chunk on one worker's replica, from the master's state; keeps its gradient and state. */
  private void computeChunk(Worker worker, Chunk chunk, long chunkStep) {
    Sequential replica = chunk.labels.length == chunkSize ? worker.full : worker.tail;
    copy(master.state(), replica.state());
    replica.zeroGrad();
    chunk.result =
        chunk.loss.compute(replica.forward(chunk.x, Mode.train(chunkStep)), chunk.labels);
    replica.backwardParametersOnly(chunk.result.logitsGradient());
    List<Parameter> parameters = replica.parameters();
    for (int p = 0; p < parameters.size(); p++) {
      float[] g = parameters.get(p).grad().data();
      System.arraycopy(g, 0, chunk.gradients[p], 0, g.length);
    }
    List<Tensor> state = replica.state();
    for (int t = 0; t < state.size(); t++) {
      float[] v = state.get(t).data();
      System.arraycopy(v, 0, chunk.state[t], 0, v.length);
    }
  }

  /**
   * Copies the master's weights into every replica: call after each optimizer step. Non-trained
   * state (batch normalization's running statistics) goes the other way: the master's becomes the
   * mean, in chunk order, of the states the last batch's chunks ended with. Each chunk started from
   * the master's, so this equals one running update with the chunks' statistics averaged.
   */
  public void syncReplicas() {
    List<Tensor> masterState = master.state();
    if (lastCount > 0) {
      for (int t = 0; t < masterState.size(); t++) {
        float[] target = masterState.get(t).data();
        java.util.Arrays.fill(target, 0f);
        for (int c = 0; c < lastCount; c++) {
          float[] from = chunks.get(c).state[t];
          for (int i = 0; i < target.length; i++) {
            target[i] += from[i] / lastCount;
          }
        }
      }
    }
    for (Worker worker : workers) {
      copyWeights(worker.full);
      if (worker.tail != null) {
        copyWeights(worker.tail);
      }
    }
  }

  private void copyWeights(Sequential replica) {
    List<Parameter> source = master.parameters();
    List<Parameter> target = replica.parameters();
    for (int p = 0; p < source.size(); p++) {
      float[] from = source.get(p).value().data();
      System.arraycopy(from, 0, target.get(p).value().data(), 0, from.length);
    }
  }

  private static void copy(List<Tensor> from, List<Tensor> to) {
    for (int t = 0; t < from.size(); t++) {
      float[] source = from.get(t).data();
      System.arraycopy(source, 0, to.get(t).data(), 0, source.length);
    }
  }

  /** Creates replicas and chunks as needed and copies each chunk's slice of the batch. */
  private void prepare(Tensor x, int[] labels, int count) {
    while (workers.size() < Math.min(threads, count)) {
      Sequential replica = replicaFactory.get();
      copyWeights(replica);
      workers.add(new Worker(replica));
    }
    int lastSize = x.shape().dim(0) - (count - 1) * chunkSize;
    if (lastSize != chunkSize) {
      // The last chunk is shorter, and any worker may take it: each gets a replica of that size,
      // so that no replica reallocates its buffers from one batch to the next.
      for (Worker worker : workers) {
        if (worker.tail == null) {
          worker.tail = replicaFactory.get();
          copyWeights(worker.tail);
        }
      }
    }
    while (chunks.size() < count) {
      Chunk chunk = new Chunk();
      List<Parameter> parameters = master.parameters();
      chunk.gradients = new float[parameters.size()][];
      for (int p = 0; p < parameters.size(); p++) {
        chunk.gradients[p] = new float[parameters.get(p).grad().size()];
      }
      List<Tensor> state = master.state();
      chunk.state = new float[state.size()][];
      for (int t = 0; t < state.size(); t++) {
        chunk.state[t] = new float[state.get(t).size()];
      }
      chunks.add(chunk);
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
              float[] g = chunk.gradients[index];
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
