package dev.handwritten.kernels;

/**
 * Which implementation the kernels use, decided once at class loading: the Vector API path when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}, the portable scalar path
 * otherwise (or when the system property {@code handwritten.kernels=scalar} asks for it). The
 * choice is logged once through {@link System.Logger} (logger {@code dev.handwritten.kernels}): at
 * level INFO, naming the flag to add, when the JVM lacks the Vector API; at DEBUG otherwise. So a
 * slow run can be explained, and a missing flag is never a {@code NoClassDefFoundError}: the
 * classes that use the Vector API load only on its path.
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
    System.Logger log = System.getLogger("dev.handwritten.kernels");
    if ("scalar".equals(System.getProperty("handwritten.kernels"))) {
      log.log(System.Logger.Level.DEBUG, "handwritten kernels: scalar (asked for)");
      return false;
    }
    // Never touch a Vector* class before this check: their constant pools name the Vector API's
    // types, which a JVM without the module cannot load (NoClassDefFoundError).
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      log.log(
          System.Logger.Level.INFO,
          "handwritten kernels: scalar loops, because the JVM has no Vector API; start it with"
              + " --add-modules jdk.incubator.vector for the faster kernels");
      return false;
    }
    log.log(System.Logger.Level.DEBUG, "handwritten kernels: Vector API");
    return true;
  }
}
