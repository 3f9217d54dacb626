package dev.handwritten.mnist.page;

/**
 * Zhang and Suen's thinning (1984): peels a binary shape down to a skeleton one pixel wide, whose
 * length measures a stroke's length (and which the demo traces into pen strokes).
 */
public final class Thinning {
  private Thinning() {}

  /** The skeleton of {@code on} ({@code [height, width]}), one pixel wide. */
  public static boolean[] skeleton(boolean[] on, int width, int height) {
    boolean[] pixels = on.clone();
    boolean changed = true;
    java.util.List<Integer> remove = new java.util.ArrayList<>();
    while (changed) {
      changed = false;
      for (int pass = 0; pass < 2; pass++) {
        remove.clear();
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            if (pixels[y * width + x] && removable(pixels, width, height, x, y, pass)) {
              remove.add(y * width + x);
            }
          }
        }
        for (int i : remove) {
          pixels[i] = false;
        }
        changed |= !remove.isEmpty();
      }
    }
    return pixels;
  }

  /** The number of pixels in the skeleton of {@code on}. */
  static int skeletonLength(boolean[] on, int width, int height) {
    int count = 0;
    for (boolean p : skeleton(on, width, height)) {
      count += p ? 1 : 0;
    }
    return count;
  }

  private static boolean removable(boolean[] p, int w, int h, int x, int y, int pass) {
    // Neighbours P2..P9 clockwise from north.
    boolean[] n = {
      at(p, w, h, x, y - 1),
      at(p, w, h, x + 1, y - 1),
      at(p, w, h, x + 1, y),
      at(p, w, h, x + 1, y + 1),
      at(p, w, h, x, y + 1),
      at(p, w, h, x - 1, y + 1),
      at(p, w, h, x - 1, y),
      at(p, w, h, x - 1, y - 1)
    };
    int count = 0;
    int transitions = 0;
    for (int i = 0; i < 8; i++) {
      count += n[i] ? 1 : 0;
      transitions += !n[i] && n[(i + 1) % 8] ? 1 : 0;
    }
    if (count < 2 || count > 6 || transitions != 1) {
      return false;
    }
    // P2, P4, P6 = n[0], n[2], n[4]; P4, P6, P8 = n[2], n[4], n[6].
    return pass == 0
        ? !(n[0] && n[2] && n[4]) && !(n[2] && n[4] && n[6])
        : !(n[0] && n[2] && n[6]) && !(n[0] && n[4] && n[6]);
  }

  private static boolean at(boolean[] p, int w, int h, int x, int y) {
    return x >= 0 && y >= 0 && x < w && y < h && p[y * w + x];
  }
}
