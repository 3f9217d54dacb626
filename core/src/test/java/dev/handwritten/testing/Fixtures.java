package dev.handwritten.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.gradcheck.GradientCheck;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.SplittableRandom;

/** Seeded test inputs chosen to keep gradient checks away from kinks and ties. */
public final class Fixtures {
  private Fixtures() {}

  /** Uniform values in [-1, 1]. */
  public static Tensor uniform(long seed, int... dims) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor t = Tensor.zeros(dims);
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) random.nextDouble(-1, 1);
    }
    return t;
  }

  /**
   * Values in [-1, -margin] or [margin, 1]: a central difference with a step below {@code margin}
   * never crosses ReLU's kink at zero.
   */
  public static Tensor awayFromZero(long seed, double margin, int... dims) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor t = Tensor.zeros(dims);
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      double magnitude = random.nextDouble(margin, 1);
      d[i] = (float) (random.nextBoolean() ? magnitude : -magnitude);
    }
    return t;
  }

  /**
   * A shuffled arithmetic sequence with gaps of {@code 0.05}: all values distinct by more than
   * twice the gradient check's step, so no max-pool window has a near-tie that the perturbation
   * could flip.
   */
  public static Tensor distinct(long seed, int... dims) {
    Shape shape = Shape.of(dims);
    int size = shape.size();
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    float[] d = new float[size];
    for (int i = 0; i < size; i++) {
      d[i] = (order[i] - size / 2f) * 0.05f;
    }
    return Tensor.of(d, shape);
  }

  /** Asserts the report passes {@link GradientCheck#TOLERANCE}, and prints it for the record. */
  public static void assertGradientsMatch(GradientCheck.Report report) {
    System.out.println(report);
    assertTrue(
        report.passed(), () -> "tolerance " + GradientCheck.TOLERANCE + " exceeded: " + report);
  }

  /** The dot product of two arrays of the same length, summed in double. */
  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  /** The largest absolute difference between two arrays of the same length. */
  public static double maxAbsDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
