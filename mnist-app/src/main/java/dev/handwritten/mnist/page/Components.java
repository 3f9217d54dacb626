package dev.handwritten.mnist.page;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 4 of reading a page, first half: the connected pieces of ink (8-connected), each with its
 * box and its number of pixels, and a map from pixel to piece so that a digit can later be cut out
 * with its own ink only, not its neighbour's.
 *
 * @param labels {@code [height, width]}: the piece of each pixel, -1 for paper
 * @param pieces the pieces; piece {@code i} has label {@code i}
 */
record Components(int[] labels, int width, int height, List<Piece> pieces) {

  /**
   * One connected piece of ink.
   *
   * @param label its number in {@code labels}
   * @param box the smallest box around it
   * @param area its pixels
   */
  record Piece(int label, Box box, int area) {}

  /** Labels the 8-connected pieces of ink. */
  static Components of(InkMask mask) {
    int width = mask.width();
    int height = mask.height();
    boolean[] ink = mask.ink();
    int[] labels = new int[ink.length];
    int[] parent = new int[Math.max(16, ink.length / 4)];
    int next = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        if (!ink[i]) {
          labels[i] = -1;
          continue;
        }
        int label = -1;
        // The neighbours already visited: left, and the three above.
        int[] neighbours = {
          x > 0 ? i - 1 : -1,
          y > 0 && x > 0 ? i - width - 1 : -1,
          y > 0 ? i - width : -1,
          y > 0 && x < width - 1 ? i - width + 1 : -1
        };
        for (int n : neighbours) {
          if (n >= 0 && ink[n]) {
            int other = find(parent, labels[n]);
            if (label < 0) {
              label = other;
            } else if (other != label) {
              int low = Math.min(label, other);
              parent[Math.max(label, other)] = low;
              label = low;
            }
          }
        }
        if (label < 0) {
          if (next == parent.length) {
            parent = java.util.Arrays.copyOf(parent, parent.length * 2);
          }
          parent[next] = next;
          label = next++;
        }
        labels[i] = label;
      }
    }
    // Second pass: final labels, numbered densely, with boxes and areas.
    int[] dense = new int[next];
    java.util.Arrays.fill(dense, -1);
    int count = 0;
    List<int[]> bounds = new ArrayList<>(); // left, top, right, bottom, area
    for (int i = 0; i < ink.length; i++) {
      if (labels[i] < 0) {
        continue;
      }
      int root = find(parent, labels[i]);
      if (dense[root] < 0) {
        dense[root] = count++;
        bounds.add(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, 0});
      }
      int label = dense[root];
      labels[i] = label;
      int[] b = bounds.get(label);
      int x = i % width;
      int y = i / width;
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
      b[4]++;
    }
    List<Piece> pieces = new ArrayList<>(count);
    for (int label = 0; label < count; label++) {
      int[] b = bounds.get(label);
      pieces.add(new Piece(label, new Box(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1), b[4]));
    }
    return new Components(labels, width, height, List.copyOf(pieces));
  }

  private static int find(int[] parent, int label) {
    int root = label;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[label] != root) { // path compression
      int up = parent[label];
      parent[label] = root;
      label = up;
    }
    return root;
  }
}
