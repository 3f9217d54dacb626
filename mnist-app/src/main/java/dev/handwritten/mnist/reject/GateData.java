package dev.handwritten.mnist.reject;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.recognize.Verdict;
import dev.handwritten.mnist.synth.Category;
import dev.handwritten.mnist.synth.Generator;
import dev.handwritten.mnist.synth.Sample;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The gate's labelled images: digits (MNIST's, raw and drawn on paper, and digits from fonts)
 * against generated non-digits, labelled with the {@link Verdict.Kind} the gate should answer.
 */
public final class GateData {
  /* Design notes: half of the MNIST digits are shown raw, as evaluate and the page reader's crops
   * give them, and half drawn on paper and prepared like a user's picture, as predict gives them;
   * font digits are drawn exactly like the letters. So the only thing that tells the gate's classes
   * apart is the shape: not the rendering, not the preparation. */

  private GateData() {}

  /** The gate's class for each generated category. */
  public static Verdict.Kind kind(Category category) {
    return switch (category) {
      case DIGIT, FONT_DIGIT -> Verdict.Kind.DIGIT;
      case LETTER, SYMBOL -> Verdict.Kind.CHARACTER;
      case SCRIBBLE, FRAGMENT -> Verdict.Kind.SCRIBBLE;
      case BLANK -> Verdict.Kind.BLANK;
      case TWO_DIGITS -> Verdict.Kind.SEVERAL_DIGITS;
    };
  }

  /**
   * Labelled images: every digit of {@code generator.digits()}, half raw and half drawn; then
   * {@code counts} generated samples of each category, starting at sample {@code from} (0 for a
   * category it does not name). Pictures in which the preparation found nothing are left out: the
   * app never shows them to a network.
   *
   * @param threads how many threads draw the pictures; the result does not depend on it
   */
  public static DataSet build(
      Generator generator,
      Map<Category, Integer> counts,
      Map<Category, Integer> from,
      int threads) {
    DataSet digits = generator.digits();
    int pixels = 28 * 28;
    List<float[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    float[][] drawn = new float[digits.size()][];
    parallel(
        threads,
        digits.size(),
        i -> drawn[i] = i % 2 == 0 ? null : generator.sample(Category.DIGIT, i).input());
    for (int i = 0; i < digits.size(); i++) {
      float[] raw = new float[pixels];
      System.arraycopy(digits.images().data(), i * pixels, raw, 0, pixels);
      images.add(i % 2 == 0 ? raw : drawn[i]);
      labels.add(Verdict.Kind.DIGIT.ordinal());
    }
    for (Map.Entry<Category, Integer> e : new EnumMap<>(counts).entrySet()) {
      int first = from.getOrDefault(e.getKey(), 0);
      for (Sample s : draw(generator, e.getKey(), first, first + e.getValue(), threads)) {
        if (s.prepared()) {
          images.add(s.input());
          labels.add(kind(s.category()).ordinal());
        }
      }
    }
    float[] x = new float[images.size() * pixels];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, x, i * pixels, pixels);
    }
    return new DataSet(
        Tensor.of(x, images.size(), 1, 28, 28),
        labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Samples {@code from} to {@code to} of a category, drawn on {@code threads} threads, in order.
   */
  public static List<Sample> draw(
      Generator generator, Category category, int from, int to, int threads) {
    Sample[] out = new Sample[to - from];
    parallel(threads, to - from, i -> out[i] = generator.sample(category, from + i));
    return List.of(out);
  }

  /** Runs {@code work} for 0 to {@code count - 1} on {@code threads} threads. */
  private static void parallel(int threads, int count, IntConsumer work) {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, count).parallel().forEach(work)).join();
    } finally {
      pool.shutdown();
    }
  }
}
