package dev.handwritten.mnist.photobench;

/** The light on the scene at a photo pixel, per colour channel; see {@link Style.Light}. */
final class Lighting {
  private final Style.Light light;
  private final double centreX;
  private final double centreY;
  private final double halfDiagonal;
  private final double cos;
  private final double sin;
  private final double[] shadowCentre; // null for no shadow
  private final double shadowRadius;

  Lighting(Style style, double[] shadowCentre, double shadowRadius) {
    this.light = style.light();
    this.centreX = style.width() / 2.0;
    this.centreY = style.height() / 2.0;
    this.halfDiagonal = StrictMath.hypot(centreX, centreY);
    this.cos = StrictMath.cos(light.gradientAngle());
    this.sin = StrictMath.sin(light.gradientAngle());
    this.shadowCentre = shadowCentre;
    this.shadowRadius = shadowRadius;
  }

  /** Writes the light's red, green and blue multipliers at photo point (x, y) into {@code rgb}. */
  void at(double x, double y, float[] rgb) {
    double dx = x - centreX;
    double dy = y - centreY;
    double along = (dx * cos + dy * sin) / halfDiagonal; // -1 to 1 across the frame
    double r2 = (dx * dx + dy * dy) / (halfDiagonal * halfDiagonal); // 0 centre, 1 corner
    double level = light.level() * (1 + light.gradient() * along) * (1 - light.vignette() * r2);
    double blueShift = 1;
    if (shadowCentre != null) {
      double sx = x - shadowCentre[0];
      double sy = y - shadowCentre[1];
      double inside = (shadowRadius - Math.sqrt(sx * sx + sy * sy)) / light.shadowSoftness();
      double s = Math.max(0, Math.min(1, 0.5 + inside));
      s = s * s * (3 - 2 * s); // a soft penumbra
      level *= 1 - light.shadow() * s;
      blueShift = 1 + 0.04 * s; // shade is lit by the sky: a little bluer
    }
    rgb[0] = (float) (level * light.tint().r() / blueShift);
    rgb[1] = (float) (level * light.tint().g());
    rgb[2] = (float) (level * light.tint().b() * blueShift);
  }
}
