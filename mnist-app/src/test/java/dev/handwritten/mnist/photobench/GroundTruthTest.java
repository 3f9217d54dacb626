package dev.handwritten.mnist.photobench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.page.Box;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each true box holds its digit's ink, all of it and nothing else: every digit is drawn alone on
 * the same page (no blur, noise or JPEG, which only smear what is drawn), and the pixels it changes
 * are compared with its box.
 */
class GroundTruthTest {
  /** Ink may reach this far past its box: the anti-aliased edge below the ink threshold. */
  private static final int FRINGE = 2;

  @ParameterizedTest
  @EnumSource(
      names = {
        "CLEAN",
        "ROTATED",
        "PERSPECTIVE",
        "PENCIL_THIN",
        "MARKER_THICK",
        "TOUCHING",
        "MULTI_LINE"
      })
  void eachBox_holdsAllOfItsDigitsInk_andNoOtherDigits(Condition condition) {
    PhotoBench bench = BenchPhotos.bench();
    Scene scene = bench.scene(condition, BenchPhotos.smallIndex(bench, condition, 0));
    PhotoRenderer.Plan plan = PhotoRenderer.plan(scene);
    List<Box> boxes = PhotoRenderer.boxes(plan).stream().flatMap(List::stream).toList();
    Box region = around(boxes, 3 * FRINGE, scene.style());
    PhotoRenderer.Raster blank = PhotoRenderer.paint(plan, i -> false, region);
    float[][] inks = new float[boxes.size()][];
    float[] clearLevel = new float[boxes.size()];
    for (int k = 0; k < boxes.size(); k++) {
      int digit = k;
      float[] ink = difference(PhotoRenderer.paint(plan, i -> i == digit, region), blank);
      float strongest = 0;
      for (float v : ink) {
        strongest = Math.max(strongest, v);
      }
      assertTrue(strongest > 20, condition + " digit " + k + " left no ink");
      Box box = boxes.get(k);
      // All of its ink, however faint, lies in its box or its fringe...
      int[] faint = bounds(ink, region, 1f);
      assertInside(faint, grown(box, FRINGE), condition + " digit " + k + " faint ink");
      // ...and its clear ink reaches every side of the box: the box is tight.
      assertTight(bounds(ink, region, strongest / 3), box, condition + " digit " + k);
      inks[k] = ink;
      clearLevel[k] = strongest / 3;
    }
    // Only its ink: the clear ink of the others hardly enters a box. Boxes are upright, so the
    // stroke of a neighbour close by and turned with the paper may reach into a corner (3.2% of the
    // box's own ink in rotated-0004, 12 degrees); touching neighbours are checked below.
    for (int k = 0; k < boxes.size() && condition != Condition.TOUCHING; k++) {
      int own = clearPixels(inks[k], clearLevel[k], region, boxes.get(k));
      for (int other = 0; other < boxes.size(); other++) {
        int intruding = clearPixels(inks[other], clearLevel[other], region, boxes.get(k));
        assertTrue(
            other == k || intruding <= 0.1 * own,
            condition
                + ": digit "
                + other
                + " has "
                + intruding
                + " ink pixels in box "
                + k
                + ", which holds "
                + own
                + " of its own");
      }
    }
    if (condition == Condition.TOUCHING) {
      for (int k = 1; k < boxes.size(); k++) {
        Box left = boxes.get(k - 1);
        Box right = boxes.get(k);
        int overlap = left.right() - right.x();
        int narrower = Math.min(left.width(), right.width());
        assertTrue(
            overlap >= 1 && overlap <= 0.3 * narrower + 2,
            "touching neighbours " + (k - 1) + " and " + k + " overlap by " + overlap + " px");
      }
    }
  }

  /** How much darker than the blank page each pixel is, its largest channel, in levels of 255. */
  private static float[] difference(PhotoRenderer.Raster a, PhotoRenderer.Raster b) {
    float[] d = new float[a.red().length];
    for (int i = 0; i < d.length; i++) {
      d[i] =
          Math.max(
              Math.abs(a.red()[i] - b.red()[i]),
              Math.max(Math.abs(a.green()[i] - b.green()[i]), Math.abs(a.blue()[i] - b.blue()[i])));
    }
    return d;
  }

  /** How many pixels of {@code box} have ink above {@code level}. */
  private static int clearPixels(float[] ink, float level, Box region, Box box) {
    int n = 0;
    for (int y = Math.max(box.y(), region.y()); y < Math.min(box.bottom(), region.bottom()); y++) {
      for (int x = Math.max(box.x(), region.x()); x < Math.min(box.right(), region.right()); x++) {
        n += ink[(y - region.y()) * region.width() + x - region.x()] > level ? 1 : 0;
      }
    }
    return n;
  }

  /** {left, top, right, bottom} in photo pixels of the pixels above {@code level}. */
  private static int[] bounds(float[] ink, Box region, float level) {
    int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
    for (int y = 0; y < region.height(); y++) {
      for (int x = 0; x < region.width(); x++) {
        if (ink[y * region.width() + x] > level) {
          b[0] = Math.min(b[0], region.x() + x);
          b[1] = Math.min(b[1], region.y() + y);
          b[2] = Math.max(b[2], region.x() + x + 1);
          b[3] = Math.max(b[3], region.y() + y + 1);
        }
      }
    }
    return b;
  }

  private static void assertInside(int[] ink, Box box, String what) {
    assertTrue(
        ink[0] >= box.x() && ink[1] >= box.y() && ink[2] <= box.right() && ink[3] <= box.bottom(),
        () -> what + " spans " + java.util.Arrays.toString(ink) + ", outside " + box);
  }

  private static void assertTight(int[] ink, Box box, String what) {
    int[] sides = {box.x(), box.y(), box.right(), box.bottom()};
    for (int s = 0; s < 4; s++) {
      int side = s;
      assertTrue(
          Math.abs(ink[s] - sides[s]) <= FRINGE,
          () ->
              what
                  + ": clear ink "
                  + java.util.Arrays.toString(ink)
                  + " does not reach side "
                  + side
                  + " of "
                  + box);
    }
  }

  private static Box grown(Box box, int by) {
    return new Box(box.x() - by, box.y() - by, box.width() + 2 * by, box.height() + 2 * by);
  }

  private static Box around(List<Box> boxes, int margin, Style style) {
    Box all = boxes.getFirst();
    for (Box b : boxes) {
      all = all.union(b);
    }
    int x0 = Math.max(0, all.x() - margin);
    int y0 = Math.max(0, all.y() - margin);
    int x1 = Math.min(style.width(), all.right() + margin);
    int y1 = Math.min(style.height(), all.bottom() + margin);
    return new Box(x0, y0, x1 - x0, y1 - y0);
  }
}
