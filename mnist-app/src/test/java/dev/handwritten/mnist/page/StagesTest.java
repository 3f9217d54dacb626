package dev.handwritten.mnist.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each stage of reading a page, on small pictures whose right answer is known. */
class StagesTest {
  /** Lightness: paper lit from 0.9 on the left down to 0.45 on the right, grain of 0.01. */
  private static GrayImage unevenPaper(int width, int height, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        v[y * width + x] = (float) (0.9 - 0.45 * x / width + 0.01 * random.nextGaussian());
      }
    }
    return new GrayImage(v, width, height);
  }

  /** The stages' first half, as the page reader runs it. */
  private static GrayImage strength(GrayImage page) {
    Lighting.Probe probe = Lighting.probe(page);
    return Lighting.flatten(page, probe.stroke(), probe.lightInk());
  }

  /** Darkens a rectangle to {@code factor} of the paper's lightness (ink on paper). */
  private static void ink(GrayImage image, int x0, int y0, int x1, int y1, double factor) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        image.values()[y * image.width() + x] *= (float) factor;
      }
    }
  }

  @Test
  void lighting_makesTheSameInkTheSameStrength_inLightAndInShadow() {
    GrayImage page = unevenPaper(400, 200, 1);
    ink(page, 40, 90, 60, 110, 0.3); // in the light
    ink(page, 340, 90, 360, 110, 0.3); // in the shadow: half as bright, the same ink
    GrayImage strength = strength(page);
    assertEquals(0.7, strength.get(50, 100), 0.06);
    assertEquals(0.7, strength.get(350, 100), 0.06);
    assertEquals(0, strength.get(200, 30), 0.05, "bare paper in the middle");
    // A closing cannot follow a steep ramp of light right into the picture's corner: a little
    // of the brighter paper beside it shows there.
    assertEquals(0, strength.get(390, 190), 0.1, "bare paper in the darkest corner");
  }

  @Test
  void probe_measuresThePensStroke_notAShadowOverAThirdOfThePage() {
    // A photo of a short number on a page with a shadow across its lower right, as a phone held
    // over the page casts one: its edge a soft diagonal, 35% darker. The shadow is darker than the
    // lit paper of the same part of the picture, as ink is, and there is far more of it.
    SplittableRandom random = new SplittableRandom(3);
    int w = 1200;
    int h = 900;
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double edge = (x + 0.8 * y - 1000) / 40.0; // the shadow's edge, 40 pixels soft
        double shade = 1 - 0.35 / (1 + Math.exp(-edge));
        v[y * w + x] = (float) (0.85 * shade + 0.01 * random.nextGaussian());
      }
    }
    GrayImage page = new GrayImage(v, w, h);
    for (int i = 0; i < 4; i++) {
      int x = 420 + i * 50;
      ink(page, x, 400, x + 6, 460, 0.6); // an upright stroke, 6 pixels wide, grey ballpoint
      ink(page, x - 12, 400, x + 18, 406, 0.6); // and a bar across its top
    }
    Lighting.Probe probe = Lighting.probe(page);
    assertFalse(probe.lightInk());
    assertEquals(6, probe.stroke(), 2, "the pen's stroke, not the shadow's width");
  }

  @Test
  void lighting_readsLightChalkOnDarkPaper_asInk() {
    float[] board = new float[200 * 100];
    java.util.Arrays.fill(board, 0.15f);
    GrayImage page = new GrayImage(board, 200, 100);
    for (int y = 40; y < 60; y++) {
      for (int x = 90; x < 110; x++) {
        board[y * 200 + x] = 0.85f; // chalk
      }
    }
    GrayImage strength = strength(page);
    assertTrue(strength.get(100, 50) > 0.6, "chalk is ink: " + strength.get(100, 50));
    assertEquals(0, strength.get(20, 20), 0.05);
  }

  @Test
  void binarizer_keepsAFadingPencilStroke_whole_butNotGrain() {
    GrayImage page = unevenPaper(300, 120, 2);
    // A horizontal stroke fading from strong ink to faint pencil, and an isolated grain speck.
    for (int x = 30; x < 270; x++) {
      double factor = 0.3 + 0.5 * (x - 30) / 240.0; // 0.3 (dark) to 0.8 (faint)
      ink(page, x, 58, x + 1, 62, factor);
    }
    ink(page, 150, 20, 151, 21, 0.8);
    GrayImage strength = strength(page);
    InkMask ink =
        Binarizer.binarize(strength, Lighting.blockSize(page, Lighting.probe(page).stroke())).ink();
    for (int x = 30; x < 270; x++) {
      assertTrue(ink.get(x, 60), "the stroke at x = " + x);
    }
    assertFalse(ink.get(150, 20), "a lone speck as faint as the pencil's end");
    assertEquals(0, ink.count() - 240 * 4, 300, "little beyond the stroke");
  }

  @Test
  void ruleRemover_removesPrintedLines_butNotAStrokeCrossingThem() {
    int w = 300;
    int h = 100;
    boolean[] ink = new boolean[w * h];
    for (int x = 0; x < w; x++) {
      ink[40 * w + x] = true; // a ruled line, one pixel thick
      ink[41 * w + x] = true; // and its second row
    }
    for (int y = 20; y < 70; y++) {
      for (int x = 150; x < 154; x++) {
        ink[y * w + x] = true; // a stroke crossing it
      }
    }
    InkMask mask = new InkMask(ink, w, h);
    InkMask clean = RuleRemover.remove(mask, mask, 4);
    assertFalse(clean.get(10, 40), "the line away from the stroke");
    assertFalse(clean.get(290, 41));
    for (int y = 20; y < 70; y++) {
      assertTrue(clean.get(151, y), "the stroke at y = " + y + ", across the line too");
    }
  }

  @Test
  void components_areEightConnected_withBoxesAndAreas() {
    // ##.
    // ..#   one piece (diagonal touch)
    // ...
    // #..   another
    boolean[] ink = {
      true, true, false,
      false, false, true,
      false, false, false,
      true, false, false
    };
    Components c = Components.of(new InkMask(ink, 3, 4));
    assertEquals(2, c.pieces().size());
    assertEquals(new Box(0, 0, 3, 2), c.pieces().get(0).box());
    assertEquals(3, c.pieces().get(0).area());
    assertEquals(new Box(0, 3, 1, 1), c.pieces().get(1).box());
    assertEquals(-1, c.labels()[2]);
    assertEquals(c.labels()[0], c.labels()[5]);
  }

  /** A filled rectangle of ink in a mask. */
  private static void block(boolean[] ink, int w, int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        ink[y * w + x] = true;
      }
    }
  }

  @Test
  void layout_groupsLinesTopToBottom_joinsAFiveBar_andDropsSpecks() {
    int w = 400;
    int h = 300;
    boolean[] ink = new boolean[w * h];
    // Line 1: three "digits" 40 high, the middle one with a detached bar above its right half.
    block(ink, w, 50, 60, 70, 100);
    block(ink, w, 110, 70, 130, 100);
    block(ink, w, 116, 60, 134, 65); // the bar, not touching
    block(ink, w, 170, 60, 190, 100);
    // Line 2, lower: two digits.
    block(ink, w, 60, 200, 80, 240);
    block(ink, w, 120, 200, 140, 240);
    // Specks and a flat remnant of a printed line.
    block(ink, w, 300, 150, 301, 151);
    block(ink, w, 250, 280, 390, 282);
    List<Layout.Line> lines = Layout.lines(Components.of(new InkMask(ink, w, h)));
    assertEquals(2, lines.size());
    assertEquals(3, lines.get(0).glyphs().size());
    assertEquals(new Box(110, 60, 24, 40), lines.get(0).glyphs().get(1).box(), "bar joined");
    assertEquals(2, lines.get(1).glyphs().size());
    assertTrue(lines.get(0).glyphs().get(0).box().x() < lines.get(0).glyphs().get(2).box().x());
  }

  @Test
  void textHeight_isDominatedByTheWriting_notBySpecks() {
    List<Components.Piece> pieces = new java.util.ArrayList<>();
    pieces.add(new Components.Piece(0, new Box(0, 0, 20, 50), 400));
    pieces.add(new Components.Piece(1, new Box(30, 0, 20, 48), 380));
    for (int i = 0; i < 50; i++) {
      pieces.add(new Components.Piece(2 + i, new Box(100 + i, 0, 2, 2), 3));
    }
    assertEquals(48, Layout.textHeight(pieces));
  }

  @Test
  void textHeight_isNotSetByTheEdgesOfASmallSheet_butIsByShortStraightStrokes() {
    // Four digits 35 pixels high, and the two side edges of the sheet they are written on: 300
    // pixels high, 4 wide, as much ink between them as the digits hold.
    List<Components.Piece> pieces = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pieces.add(new Components.Piece(i, new Box(100 + 30 * i, 140, 22, 35), 300));
    }
    pieces.add(new Components.Piece(4, new Box(10, 0, 4, 300), 1200));
    pieces.add(new Components.Piece(5, new Box(400, 0, 4, 300), 1200));
    assertEquals(35, Layout.textHeight(pieces));
    // Straight strokes no longer than a few digits (what is left of a grid) still count.
    pieces.set(4, new Components.Piece(4, new Box(10, 0, 4, 90), 1300));
    pieces.set(5, new Components.Piece(5, new Box(400, 0, 4, 90), 1300));
    assertEquals(90, Layout.textHeight(pieces));
  }

  @Test
  void splitter_mayCutAtTheValleysOfTheInkProfile_deepestFirst_keptApart() {
    int[] profile = {9, 9, 8, 7, 2, 1, 2, 8, 9, 3, 3, 9, 9};
    // Smoothed over three columns, the valleys are column 5 (1.7) and columns 9 and 10 (5.0),
    // of which only one is kept when cuts must be 2 columns apart.
    assertEquals(List.of(5, 9), Splitter.minima(profile, 2, 24));
    assertEquals(List.of(5), Splitter.minima(profile, 2, 1));
  }

  @Test
  void mnistCrop_bringsAHairlineAndAMarkerNearMnistsStrokeWidth() {
    // An upright bar 60 pixels high, 2 pixels wide (a hairline once fitted into 20 x 20: 0.7
    // pixels) or 20 wide (a marker: 6.7 pixels).
    for (int barWidth : new int[] {2, 20}) {
      int w = 80;
      int h = 80;
      float[] strength = new float[w * h];
      int[] labels = new int[w * h];
      java.util.Arrays.fill(labels, -1);
      for (int y = 10; y < 70; y++) {
        for (int x = 40 - barWidth / 2; x < 40 + (barWidth + 1) / 2; x++) {
          strength[y * w + x] = 1;
          labels[y * w + x] = 0;
        }
      }
      MnistCrop.Prepared crop =
          MnistCrop.prepare(new GrayImage(strength, w, h), labels, List.of(0), new Box(0, 0, w, h));
      double width = MnistCrop.strokeWidth(new GrayImage(crop.input(), 28, 28));
      assertTrue(
          width >= MnistCrop.THINNEST - 0.5 && width <= MnistCrop.WIDEST + 0.5,
          "a bar " + barWidth + " wide ends " + width + " wide");
    }
  }

  @Test
  void mnistsStrokeWidths_areTheOnesTheCropAimsFor() throws java.io.IOException {
    dev.handwritten.mnist.data.DataSet test =
        dev.handwritten.mnist.data.DataSet.loadTest(
            java.nio.file.Path.of(System.getProperty("mnist.dir", "../../shared/mnist")));
    double[] widths = new double[test.size()];
    for (int i = 0; i < widths.length; i++) {
      float[] image = java.util.Arrays.copyOfRange(test.images().data(), i * 784, (i + 1) * 784);
      widths[i] = MnistCrop.strokeWidth(new GrayImage(image, 28, 28));
    }
    java.util.Arrays.sort(widths);
    assertEquals(MnistCrop.MNIST_STROKE, widths[widths.length / 2], 0.05);
    assertEquals(MnistCrop.THINNEST, widths[widths.length / 10], 0.01);
    assertEquals(MnistCrop.WIDEST, widths[widths.length * 9 / 10], 0.01);
  }

  @Test
  void strokeWidth_ofABar_isItsWidth() {
    float[] bar = new float[20 * 20];
    for (int y = 0; y < 20; y++) {
      for (int x = 6; x < 13; x++) {
        bar[y * 20 + x] = 1;
      }
    }
    assertEquals(7, MnistCrop.strokeWidth(new GrayImage(bar, 20, 20)), 0.5);
  }

  @Test
  void mnistCrop_centresTheMassAtTheTestSetsCentre() {
    GrayImage dot = new GrayImage(new float[] {1, 1, 1, 1}, 2, 2);
    float[] field = MnistCrop.centreByMass(dot);
    double mass = 0;
    double sumX = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        mass += field[y * 28 + x];
        sumX += field[y * 28 + x] * (x + 0.5);
      }
    }
    assertEquals(MnistCrop.CENTRE, sumX / mass, 0.5);
  }
}
