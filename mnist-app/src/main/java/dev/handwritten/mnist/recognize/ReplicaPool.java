package dev.handwritten.mnist.recognize;

import dev.handwritten.layers.Sequential;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lends each caller a set of models (one per ensemble member) that no other thread is using. Layers
 * own their output buffers, so a model must never run two forward passes at once; a pool makes a
 * new set only while fewer than {@code max} exist, and beyond that a caller waits for one to come
 * back. Memory is then bounded by {@code max} sets whatever the number of callers, and a set that
 * is made once is reused for the life of the pool.
 */
final class ReplicaPool {
  private final Supplier<List<Sequential>> factory;
  private final int max;
  private final BlockingQueue<List<Sequential>> idle;
  private int made; // guarded by this

  /**
   * @param first the set to lend first (the loaded models themselves)
   * @param factory makes another set with the same weights
   * @param max the most sets that may exist, {@code first} included; 1 serializes all callers
   */
  ReplicaPool(List<Sequential> first, Supplier<List<Sequential>> factory, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("ReplicaPool: expected max >= 1, got " + max);
    }
    this.factory = factory;
    this.max = max;
    this.idle = new ArrayBlockingQueue<>(max);
    this.idle.add(List.copyOf(first));
    this.made = 1;
  }

  /** Runs {@code work} on a set of models that is this caller's alone until it returns. */
  <T> T withModels(Function<List<Sequential>, T> work) {
    List<Sequential> models = borrow();
    try {
      return work.apply(models);
    } finally {
      idle.add(models);
    }
  }

  /** How many sets exist so far. */
  synchronized int made() {
    return made;
  }

  private List<Sequential> borrow() {
    List<Sequential> models = idle.poll();
    if (models != null) {
      return models;
    }
    if (reserve()) {
      try {
        return List.copyOf(factory.get());
      } catch (RuntimeException | Error e) {
        unreserve();
        throw e;
      }
    }
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Recognizer: interrupted while waiting for a free model", e);
    }
  }

  /** Counts one more set, if the pool may have it. */
  private synchronized boolean reserve() {
    if (made == max) {
      return false;
    }
    made++;
    return true;
  }

  private synchronized void unreserve() {
    made--;
  }
}
