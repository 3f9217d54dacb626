package dev.handwritten.mnist.photobench;

/**
 * A projective map of the plane, the way a camera sees a flat sheet of paper: {@code (x, y) -> ((a
 * x + b y + c) / w, (d x + e y + f) / w)} with {@code w = g x + h y + i}. Rotations, translations
 * and perspective are all of this form, and so is any chain of them.
 */
final class Homography {
  /* Design notes: nine doubles, row-major; the renderer reads them directly in its pixel loop
   * (coefficient(k)) rather than calling apply(), which would allocate a point per pixel. */

  private final double[] m; // 3 x 3, row-major

  private Homography(double[] m) {
    this.m = m;
  }

  static Homography identity() {
    return new Homography(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
  }

  static Homography translation(double dx, double dy) {
    return new Homography(new double[] {1, 0, dx, 0, 1, dy, 0, 0, 1});
  }

  /** A rotation by {@code degrees} (clockwise on screen, where y points down) about (cx, cy). */
  static Homography rotation(double degrees, double cx, double cy) {
    double r = StrictMath.toRadians(degrees);
    double cos = StrictMath.cos(r);
    double sin = StrictMath.sin(r);
    Homography turn = new Homography(new double[] {cos, -sin, 0, sin, cos, 0, 0, 0, 1});
    return translation(-cx, -cy).then(turn).then(translation(cx, cy));
  }

  /**
   * The map that sends four points to four others, e.g. a rectangle's corners to where a tilted
   * camera sees them.
   *
   * @param from x0, y0, x1, y1, x2, y2, x3, y3: four points, no three on a line
   * @param to where each goes, in the same order
   * @throws IllegalArgumentException if the points do not determine a map (three on a line)
   */
  static Homography mapping(double[] from, double[] to) {
    // With i = 1, each pair gives two linear equations in a..h:
    //   a x + b y + c - g x X - h y X = X,   d x + e y + f - g x Y - h y Y = Y.
    double[][] rows = new double[8][9];
    for (int p = 0; p < 4; p++) {
      double x = from[2 * p];
      double y = from[2 * p + 1];
      double bigX = to[2 * p];
      double bigY = to[2 * p + 1];
      rows[2 * p] = new double[] {x, y, 1, 0, 0, 0, -x * bigX, -y * bigX, bigX};
      rows[2 * p + 1] = new double[] {0, 0, 0, x, y, 1, -x * bigY, -y * bigY, bigY};
    }
    double[] h = solve(rows);
    return new Homography(new double[] {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1});
  }

  /** This map followed by {@code next}. */
  Homography then(Homography next) {
    double[] a = next.m;
    double[] b = m;
    double[] c = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int k = 0; k < 3; k++) {
        c[3 * r + k] = a[3 * r] * b[k] + a[3 * r + 1] * b[3 + k] + a[3 * r + 2] * b[6 + k];
      }
    }
    return new Homography(c);
  }

  /** The map back. */
  Homography inverse() {
    double[] a = m;
    double[] adj = {
      a[4] * a[8] - a[5] * a[7],
      a[2] * a[7] - a[1] * a[8],
      a[1] * a[5] - a[2] * a[4],
      a[5] * a[6] - a[3] * a[8],
      a[0] * a[8] - a[2] * a[6],
      a[2] * a[3] - a[0] * a[5],
      a[3] * a[7] - a[4] * a[6],
      a[1] * a[6] - a[0] * a[7],
      a[0] * a[4] - a[1] * a[3]
    };
    double det = a[0] * adj[0] + a[1] * adj[3] + a[2] * adj[6];
    if (Math.abs(det) < 1e-12) {
      throw new IllegalStateException("Homography: not invertible (determinant " + det + ")");
    }
    for (int k = 0; k < 9; k++) {
      adj[k] /= det;
    }
    return new Homography(adj);
  }

  /** Where (x, y) goes: {@code {X, Y}}. */
  double[] apply(double x, double y) {
    double w = m[6] * x + m[7] * y + m[8];
    return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
  }

  /** Coefficient {@code k} of the row-major matrix, for loops that map many points. */
  double coefficient(int k) {
    return m[k];
  }

  /** Gaussian elimination with partial pivoting on an 8 x 9 augmented matrix. */
  private static double[] solve(double[][] rows) {
    int n = 8;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(rows[r][col]) > Math.abs(rows[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(rows[pivot][col]) < 1e-12) {
        throw new IllegalArgumentException(
            "Homography.mapping: the four points do not determine a map (three on a line?)");
      }
      double[] swap = rows[col];
      rows[col] = rows[pivot];
      rows[pivot] = swap;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = rows[r][col] / rows[col][col];
          for (int k = col; k <= n; k++) {
            rows[r][k] -= f * rows[col][k];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int r = 0; r < n; r++) {
      x[r] = rows[r][n] / rows[r][r];
    }
    return x;
  }
}
