package dev.handwritten.mnist.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import org.junit.jupiter.api.Test;

/** The pen strokes and the canvas operations under every generated picture. */
class StrokesTest {
  private static final BasicStroke PEN =
      new BasicStroke(6, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

  @Test
  void aLoneStroke_isDigitShaped_whenItLeansLessThan40DegreesFromUpright() {
    assertTrue(Strokes.digitShaped(line(0))); // upright: a 1
    assertTrue(Strokes.digitShaped(line(30))); // slanted as many of MNIST's ones
    assertFalse(Strokes.digitShaped(line(55))); // closer to lying down than standing
    assertFalse(Strokes.digitShaped(line(90))); // a dash
  }

  @Test
  void aRoundMark_isNotDigitShaped_andNoInkIs() {
    Mask ring = Mask.of(new Ellipse2D.Double(30, 30, 40, 40), PEN, 100, 100);
    assertFalse(Strokes.digitShaped(ring));
    assertTrue(Strokes.digitShaped(Mask.blank(10, 10))); // nothing to call a non-digit
  }

  @Test
  void thicken_growsAPixelIntoADisc_andThinningUndoesIt() {
    Mask dot = Mask.blank(5, 5);
    dot.ink()[2 * 5 + 2] = 1;
    Mask grown = dot.thicken(1);
    // Radius 1 reaches the four neighbours and the diagonals (dx^2 + dy^2 <= r^2 + r).
    assertEquals(9, grown.mass(), 1e-6);
    assertArrayEquals(dot.ink(), grown.thicken(-1).ink());
  }

  @Test
  void blur_spreadsTheInk_withoutLosingAny() {
    Mask dot = Mask.blank(9, 9);
    dot.ink()[4 * 9 + 4] = 1;
    Mask soft = dot.blur(1);
    assertEquals(1, soft.mass(), 1e-6); // a box blur moves ink, it does not make or lose any
    // Twice [1, 1, 1] / 3 is [1, 2, 3, 2, 1] / 9 along each axis: the centre keeps (3/9)^2.
    assertEquals(1 / 9.0, soft.ink()[4 * 9 + 4], 1e-6);
  }

  @Test
  void aWarpThatDoesNothing_leavesTheMaskAlone() {
    Mask ring = Mask.of(new Ellipse2D.Double(10, 10, 30, 30), PEN, 50, 50);
    Mask same = new Warp(0, 0, 1, 0, 7).apply(ring);
    assertArrayEquals(ring.ink(), same.ink(), 1e-6f);
  }

  @Test
  void aQuarterTurn_turnsAnUprightLineOnItsSide() {
    Mask upright = line(0);
    Mask turned = new Warp(Math.PI / 2, 0, 1, 0, 7).apply(upright);
    int[] box = turned.bounds(0.5f);
    assertTrue(box[2] - box[0] > 3 * (box[3] - box[1]), java.util.Arrays.toString(box));
  }

  /** A 60-pixel stroke through the middle of a 100 x 100 canvas, this far from upright. */
  private static Mask line(double degreesFromUpright) {
    double a = Math.toRadians(degreesFromUpright);
    double dx = 30 * Math.sin(a);
    double dy = 30 * Math.cos(a);
    return Mask.of(new Line2D.Double(50 - dx, 50 - dy, 50 + dx, 50 + dy), PEN, 100, 100);
  }
}
