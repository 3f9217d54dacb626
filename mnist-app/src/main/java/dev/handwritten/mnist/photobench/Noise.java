package dev.handwritten.mnist.photobench;

import java.util.SplittableRandom;

/**
 * Seeded random textures: smooth value noise for paper fibres, blotches, wood and graphite grain,
 * and per-pixel Gaussian noise for the camera's sensor. Both are pure functions of the seed and the
 * position, so pictures repeat bit for bit and may be drawn in any order.
 */
final class Noise {
  private static final int TILE = 256; // a power of two: positions wrap with a mask
  private static final int GAUSSIANS = 1 << 16;

  private final float[] tile = new float[TILE * TILE]; // uniform in [0, 1)
  private final float[] gaussians = new float[GAUSSIANS]; // standard normal
  private final int salt;

  Noise(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < tile.length; i++) {
      tile[i] = (float) random.nextDouble();
    }
    for (int i = 0; i < gaussians.length; i++) {
      gaussians[i] = (float) random.nextGaussian();
    }
    salt = random.nextInt();
  }

  /**
   * Smooth noise in [0, 1) at (x, y), varying over about {@code scale} pixels in x and {@code
   * stretch * scale} in y (a stretch above 1 draws grain along x, like wood). {@code layer} picks
   * an independent pattern.
   */
  float smooth(double x, double y, double scale, double stretch, int layer) {
    double u = x / scale + 37.1 * layer;
    double v = y / (scale * stretch) + 91.7 * layer;
    int x0 = (int) Math.floor(u);
    int y0 = (int) Math.floor(v);
    float fx = (float) (u - x0);
    float fy = (float) (v - y0);
    // Smoothstep weights hide the lattice that plain bilinear weights show.
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    float a = cell(x0, y0);
    float b = cell(x0 + 1, y0);
    float c = cell(x0, y0 + 1);
    float d = cell(x0 + 1, y0 + 1);
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
  }

  private float cell(int x, int y) {
    return tile[(y & (TILE - 1)) * TILE + (x & (TILE - 1))];
  }

  /** A standard normal value for sample {@code i}, independent of its neighbours'. */
  float gaussian(long i) {
    long h = i * 0x9E3779B97F4A7C15L + salt;
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return gaussians[(int) (h & (GAUSSIANS - 1))];
  }
}
