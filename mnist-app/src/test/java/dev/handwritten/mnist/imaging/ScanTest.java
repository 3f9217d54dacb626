package dev.handwritten.mnist.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScanTest {
  @Test
  void threshold_makesEveryPixelBlackOrWhite_atTheLevel() {
    assertArrayEquals(
        new float[] {0, 1, 1, 0}, Scan.threshold(new float[] {0.2f, 0.5f, 0.9f, 0.49f}, 0.5f));
  }

  @Test
  void coarse_atFullSize_changesNothing() {
    float[] picture = {0, 0.5f, 1, 0.25f, 0.75f, 0, 0.125f, 1, 0};
    assertArrayEquals(picture, Scan.coarse(picture, 3, 3), 1e-6f);
  }

  @Test
  void coarse_averagesEachArea_theEdgesFadingIntoBlankPaper() {
    // A 4 x 4 checkerboard seen at 2 x 2: every area holds two black and two white pixels, so the
    // inner pixels, enlarged back, are grey; the outer ones are interpolated halfway towards the
    // blank paper beyond the picture (0.5 x 0.75 along an edge, 0.5 x 0.75 x 0.75 in a corner).
    float[] board = new float[16];
    for (int i = 0; i < 16; i++) {
      board[i] = (i / 4 + i % 4) % 2;
    }
    float[] seen = Scan.coarse(board, 4, 2);
    assertEquals(0.5f, seen[5], 1e-6f);
    assertEquals(0.5f, seen[10], 1e-6f);
    assertEquals(0.375f, seen[1], 1e-6f);
    assertEquals(0.28125f, seen[0], 1e-6f);
  }

  @Test
  void coarse_refusesASideItCannotUse() {
    var e = assertThrows(IllegalArgumentException.class, () -> Scan.coarse(new float[16], 4, 5));
    assertEquals(
        "Scan.coarse: expected a 4 x 4 picture and a coarse side in [1, 4], got 16 values and 5",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Scan.coarse(new float[15], 4, 2));
  }
}
