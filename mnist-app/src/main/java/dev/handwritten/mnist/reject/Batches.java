package dev.handwritten.mnist.reject;

import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Many images through a recognizer, in batches on several threads: the recognizer lends each thread
 * its own replica, and the answers come back in the images' order.
 */
final class Batches {
  /** Images per forward pass: big enough for the GEMMs, small enough for the caches. */
  private static final int BATCH = 250;

  private static final int PIXELS = 28 * 28;

  private Batches() {}

  /** One answer per image of {@code images} ({@code [N, 1, 28, 28]}), in order. */
  static List<Recognition> recognize(Recognizer recognizer, Tensor images, int threads) {
    List<List<Recognition>> parts = map(images, threads, recognizer::recognize);
    List<Recognition> out = new ArrayList<>();
    parts.forEach(out::addAll);
    return out;
  }

  /** The single model's logits, {@code [N, classes]} row by row. */
  static float[] logits(Recognizer recognizer, Tensor images, int threads) {
    List<float[]> parts = map(images, threads, recognizer::logits);
    int classes = recognizer.classes();
    float[] out = new float[images.shape().dim(0) * classes];
    for (int b = 0; b < parts.size(); b++) {
      System.arraycopy(parts.get(b), 0, out, b * BATCH * classes, parts.get(b).length);
    }
    return out;
  }

  /** The images, {@code [N, 1, 28, 28]}, of a list of 28 x 28 arrays. */
  static Tensor stack(List<float[]> images) {
    float[] x = new float[images.size() * PIXELS];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, x, i * PIXELS, PIXELS);
    }
    return Tensor.of(x, images.size(), 1, 28, 28);
  }

  private static <T> List<T> map(Tensor images, int threads, Function<Tensor, T> work) {
    int n = images.shape().dim(0);
    int batches = (n + BATCH - 1) / BATCH;
    List<T> out = new ArrayList<>();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      List<T> results =
          pool.submit(
                  () ->
                      IntStream.range(0, batches)
                          .parallel()
                          .mapToObj(
                              b -> {
                                int from = b * BATCH;
                                int to = Math.min(n, from + BATCH);
                                float[] x =
                                    Arrays.copyOfRange(images.data(), from * PIXELS, to * PIXELS);
                                return work.apply(Tensor.of(x, to - from, 1, 28, 28));
                              })
                          .toList())
              .join();
      out.addAll(results);
    } finally {
      pool.shutdown();
    }
    return out;
  }
}
