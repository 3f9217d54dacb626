package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.page.Box;
import dev.handwritten.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The photo benchmark's generator: phone photos of handwritten numbers, 1 to 8 digits, composed
 * from a set of handwritten digits, each with its exact ground truth.
 *
 * <pre>{@code
 * PhotoBench bench = new PhotoBench(DataSet.loadTest(mnistDir), 1);   // the MNIST test set, seed 1
 * Photo photo = bench.photo(Condition.GRID_PAPER, 7);                  // always the same photo
 * photo.picture();   // what a reader is given
 * photo.number();    // "2024"
 * photo.digits();    // each digit's label and box
 * }</pre>
 *
 * <p>The benchmark uses the MNIST <em>test</em> set only, which no model trains on. The generator
 * takes any digit set of 28 x 28 images, so that photo-like renders of the training set can be made
 * the same way for training; such renders measure nothing.
 *
 * <p>Photo {@code i} of a condition depends only on the seed, the condition's name and {@code i}:
 * photos can be made in any order, on any number of threads, and are the same bit for bit on any
 * machine with the same Java (the JPEG encoder is the JDK's). Safe for concurrent use.
 */
public final class PhotoBench {
  /* Design notes: every random choice comes from one SplittableRandom seeded by a hash of (seed,
   * condition id, index), so adding a condition or changing how many photos a run makes never
   * changes any other photo. Condition ids, not ordinals, enter the hash: reordering the table keeps
   * the photos. */

  private final DataSet digits;
  private final long seed;

  /**
   * @param digits the handwritten digits to compose, {@code [N, 1, 28, 28]} in [0, 1]: the MNIST
   *     test set for the benchmark
   * @param seed chooses the photos; the published table is for seed 1
   * @throws IllegalArgumentException if the images are not 28 x 28 with one channel
   */
  public PhotoBench(DataSet digits, long seed) {
    Shape sample = digits.images().shape().sample();
    if (!sample.equals(Shape.of(1, 28, 28))) {
      throw new IllegalArgumentException(
          "PhotoBench: expected digits of [1, 28, 28], got " + sample);
    }
    this.digits = digits;
    this.seed = seed;
  }

  /**
   * Photo {@code index} of {@code condition}.
   *
   * @param index 0 or more
   * @throws IllegalArgumentException if the index is negative
   */
  public Photo photo(Condition condition, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("PhotoBench: expected an index >= 0, got " + index);
    }
    Scene scene = scene(condition, index);
    List<List<Scene.Digit>> lines = scene.lines();
    PhotoRenderer.Rendered rendered = PhotoRenderer.render(scene);
    List<TruthLine> truth = new ArrayList<>();
    for (int l = 0; l < lines.size(); l++) {
      List<TruthDigit> line = new ArrayList<>();
      for (int k = 0; k < lines.get(l).size(); k++) {
        Scene.Digit d = lines.get(l).get(k);
        Box box = rendered.boxes().get(l).get(k);
        line.add(new TruthDigit(d.label(), box, d.source()));
      }
      truth.add(new TruthLine(line));
    }
    return new Photo(
        String.format("%s-%04d", condition.id(), index),
        condition,
        scene.style().difficulties(),
        rendered.picture(),
        rendered.jpeg(),
        truth);
  }

  /** The seed the photos are chosen by. */
  public long seed() {
    return seed;
  }

  /** The scene of a photo, for tests that draw parts of it. */
  Scene scene(Condition condition, int index) {
    SplittableRandom random = new SplittableRandom(photoSeed(condition, index));
    Style style = Styles.draw(condition, random);
    List<List<Scene.Digit>> lines = new ArrayList<>();
    for (int count : style.layout().digitsPerLine()) {
      List<Scene.Digit> line = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        line.add(digit(random.nextInt(digits.size())));
      }
      lines.add(line);
    }
    return new Scene(style, lines, random.nextLong());
  }

  private Scene.Digit digit(int index) {
    float[] image = new float[28 * 28];
    System.arraycopy(digits.images().data(), index * image.length, image, 0, image.length);
    return new Scene.Digit(image, digits.labels()[index], index);
  }

  private long photoSeed(Condition condition, int index) {
    long h = seed * 0x9E3779B97F4A7C15L;
    for (char c : condition.id().toCharArray()) {
      h = (h ^ c) * 0x100000001B3L;
    }
    h ^= index * 0xC2B2AE3D27D4EB4FL;
    return new SplittableRandom(h).nextLong();
  }
}
