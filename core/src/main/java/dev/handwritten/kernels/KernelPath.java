package dev.handwritten.kernels;

/**
 * Which implementation the kernels use, decided once at class loading: the Vector API path when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}, the portable scalar path
 * otherwise (or when the system property {@code handwritten.kernels=scalar} asks for it). The
 * choice is logged once, so a slow run can be explained.
 */
public final class KernelPath {
  /** Whether the Vector API kernels are in use. */
  static final boolean VECTORIZED = decide();

  private KernelPath() {}

  /** Whether the Vector API kernels are in use. */
  public static boolean vectorized() {
    return VECTORIZED;
  }

  /**
   * Floats per vector register in the kernels: 16 with AVX-512, 8 with AVX2 on the Vector API path;
   * 1 on the scalar path.
   */
  public static int vectorFloats() {
    return VECTORIZED ? VectorGemm.lanes() : 1;
  }

  /** A one-line description, for example {@code "Vector API, 16 floats per vector"}. */
  public static String describe() {
    return VECTORIZED
        ? "Vector API, " + VectorGemm.lanes() + " floats per vector"
        : "scalar (start the JVM with --add-modules jdk.incubator.vector for the Vector API)";
  }

  private static boolean decide() {
    boolean available = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    boolean wanted = !"scalar".equals(System.getProperty("handwritten.kernels"));
    boolean vectorized = available && wanted;
    System.getLogger("dev.handwritten.kernels")
        .log(
            System.Logger.Level.DEBUG,
            "handwritten kernels: {0}",
            vectorized ? "Vector API" : "scalar" + (available ? " (asked for)" : ""));
    return vectorized;
  }
}
