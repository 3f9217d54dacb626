package dev.handwritten.mnist.photobench;

import java.util.List;

/**
 * Everything decided at random about one photo before a pixel is drawn: its size, the paper, the
 * ink, the light, the camera and how the digits are laid out. {@link Styles#draw} makes one for a
 * condition; {@link PhotoRenderer} draws it.
 *
 * @param width the photo's width in pixels
 * @param height the photo's height in pixels
 * @param digitHeight the digits' ink height in pixels, before perspective
 * @param difficulties the conditions applied over the baseline ({@link Condition#MIX}: several)
 */
record Style(
    int width,
    int height,
    double digitHeight,
    List<Condition> difficulties,
    Sheet sheet,
    Ink ink,
    Light light,
    Camera camera,
    Layout layout) {
  Style {
    difficulties = List.copyOf(difficulties);
  }

  /** A colour in sRGB, each channel in [0, 255]. */
  record Rgb(double r, double g, double b) {}

  /** What the paper has printed on it. */
  enum Rules {
    PLAIN,
    GRID,
    RULED
  }

  /**
   * The sheet of paper and what lies around it.
   *
   * @param paper the paper's colour in full light
   * @param texture how much the paper's fibres and blotches vary its shade, as a fraction
   * @param rules plain, squared or ruled
   * @param ruleSpacing pixels between printed lines
   * @param ruleWidth the printed lines' width in pixels
   * @param ruleColour the printed lines' colour
   * @param ruleStrength how opaque the printed lines are, in [0, 1]
   * @param margin whether a ruled sheet has a red margin line left of the number
   * @param edge whether the sheet's edge is in the frame, with the table around it
   * @param table the table's colour, when the edge is in the frame
   */
  record Sheet(
      Rgb paper,
      double texture,
      Rules rules,
      double ruleSpacing,
      double ruleWidth,
      Rgb ruleColour,
      double ruleStrength,
      boolean margin,
      boolean edge,
      Rgb table) {}

  /**
   * The ink.
   *
   * @param colour the ink's colour where it covers the paper fully
   * @param opacity how much of the paper a full stroke hides, in (0, 1]
   * @param pen the stroke's shape and width
   * @param grain how unevenly the ink takes (graphite on paper: strong), in [0, 1)
   */
  record Ink(Rgb colour, double opacity, Pen pen, double grain) {}

  /**
   * The light falling on the paper: {@code level * (1 + gradient * t) * (1 - vignette * r^2)} times
   * the shadow, where t runs from -1 to 1 across the frame along {@code gradientAngle} and r from
   * the centre (0) to a corner (1).
   *
   * @param tint a colour cast, each channel's multiplier near 1
   * @param shadow the darkness of a shadow across the number, in [0, 1); 0 for none
   * @param shadowSoftness the shadow's penumbra, in pixels
   * @param shadowAngle the direction from the number to the shadow's centre, in radians
   * @param shadowOffset where the shadow's edge crosses the number: -0.3 to 0.3 of its width
   * @param shadowRadius the shadow's outline is a circle this many times the frame's shorter side
   */
  record Light(
      double level,
      double gradient,
      double gradientAngle,
      double vignette,
      Rgb tint,
      double shadow,
      double shadowSoftness,
      double shadowAngle,
      double shadowOffset,
      double shadowRadius) {}

  /**
   * The camera.
   *
   * @param blur the standard deviation of the defocus, in pixels
   * @param noise the standard deviation of the sensor noise, in levels of 255
   * @param jpegQuality in (0, 1], as ImageIO's JPEG writer takes it
   * @param rotation degrees, clockwise
   * @param tilt the frame's top edge is (1 - tilt) and its bottom (1 + tilt) times as wide
   * @param pan the frame's left edge is (1 - pan) and its right (1 + pan) times as high
   */
  record Camera(
      double blur, double noise, double jpegQuality, double rotation, double tilt, double pan) {}

  /**
   * Where the digits go.
   *
   * @param digitsPerLine how many digits each line has, top line first
   * @param gapMin the least space between neighbours, as a fraction of the digit height
   * @param gapMax the most space between neighbours, as a fraction of the digit height
   * @param touching whether neighbours overlap each other's box by a few pixels instead
   * @param lineSpacing baseline to baseline, as a multiple of the digit height
   */
  record Layout(
      List<Integer> digitsPerLine,
      double gapMin,
      double gapMax,
      boolean touching,
      double lineSpacing) {
    Layout {
      digitsPerLine = List.copyOf(digitsPerLine);
    }

    int digits() {
      return digitsPerLine.stream().mapToInt(Integer::intValue).sum();
    }
  }
}
