/**
 * handwritten's core: tensors, layers with hand-written backward passes, losses, optimizers and a
 * gradient checker, with no dependencies but the JDK.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is optional: the kernels use it when the JVM
 * runs with {@code --add-modules jdk.incubator.vector} and their portable scalar loops otherwise,
 * with the same results within float tolerance. Without the flag, the choice is logged once, at
 * level INFO through {@link System.Logger} {@code dev.handwritten.kernels}, naming the flag to add;
 * with it, at level DEBUG.
 *
 * <pre>{@code
 * module my.app {
 *   requires dev.handwritten.core;
 * }
 * }</pre>
 */
module dev.handwritten.core {
  // Optional: resolved only when the JVM is started with --add-modules jdk.incubator.vector. Only
  // the Vector* kernel classes name its types, and they load only after KernelPath has seen the
  // module in the boot layer.
  requires static jdk.incubator.vector;

  // Not exported: dev.handwritten.kernels, the hot loops, which check nothing (the layers validate
  // once, at their boundary). On the class path (the app, the benchmarks) they stay reachable.
  exports dev.handwritten.gradcheck;
  exports dev.handwritten.init;
  exports dev.handwritten.layers;
  exports dev.handwritten.loss;
  exports dev.handwritten.optim;
  exports dev.handwritten.parallel;
  exports dev.handwritten.tensor;
}
