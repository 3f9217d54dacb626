package dev.handwritten.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.kernels.KernelPath;
import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Dropout;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.MaxPool2d;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Parameter;
import dev.handwritten.layers.Relu;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.optim.Adam;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same weights whether the kernels run interpreted or compiled by the JIT.
 * Training is reproducible only if no kernel's result depends on when the JIT kicks in: the Vector
 * API's lane reductions, for one, add in an order that the intrinsic and the interpreter's fallback
 * choose differently, and a kernel that used them once made same-seed runs give different models.
 */
class ReproducibilityTest {

  /**
   * A small CNN through every kind of kernel the reference CNN uses: a convolution by columns (9
   * values per patch) and one by rows (72), both max-pools, dropout, and a dense layer with 10
   * outputs (the narrow product).
   */
  static Sequential model(long seed) {
    return new Sequential(
        Shape.of(1, 14, 14),
        new Conv2d(1, 8, 3, seed),
        new Relu(),
        new MaxPool2d(2),
        new Conv2d(8, 8, 3, seed + 1),
        new Relu(),
        new MaxPool2d(2),
        new Flatten(),
        new Dropout(0.5, seed + 2),
        new Dense(8 * 2 * 2, 10, seed + 3));
  }

  /** Every weight's bits after three Adam steps from seed 7, as text. */
  static String trainedWeights() {
    Sequential model = model(7);
    Adam adam = new Adam(model.parameters(), 0.01);
    SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    SplittableRandom random = new SplittableRandom(7);
    Tensor x = Tensor.zeros(8, 1, 14, 14);
    int[] labels = new int[8];
    for (int step = 0; step < 3; step++) {
      for (int i = 0; i < x.size(); i++) {
        x.data()[i] = (float) random.nextDouble();
      }
      for (int n = 0; n < labels.length; n++) {
        labels[n] = random.nextInt(10);
      }
      model.zeroGrad();
      SoftmaxCrossEntropy.Result r = loss.compute(model.forward(x, Mode.train(step)), labels);
      model.backward(r.logitsGradient());
      adam.step();
    }
    StringBuilder bits = new StringBuilder();
    for (Parameter p : model.parameters()) {
      for (float v : p.value().data()) {
        bits.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
      }
      bits.append('\n');
    }
    return bits.toString();
  }

  /** The child JVM's entry point: prints {@link #trainedWeights()}. */
  public static void main(String[] args) {
    System.out.print(trainedWeights());
  }

  @Test
  void training_givesTheSameBits_interpretedAndCompiled() throws IOException, InterruptedException {
    // Here, after enough rounds that the JIT compiles the kernels; in a child JVM with -Xint,
    // which never compiles anything. Both on this JVM's kernel path.
    for (int round = 0; round < 3_000; round++) {
      trainedWeights();
    }
    String compiled = trainedWeights();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xint");
    if (KernelPath.vectorized()) {
      command.add("--add-modules=jdk.incubator.vector");
    } else {
      command.add("-Dhandwritten.kernels=scalar");
    }
    // Surefire runs these tests inside core's module, core on the module path and JUnit on the
    // class path; the child needs both, and takes them as one class path.
    command.add("-cp");
    command.add(
        System.getProperty("jdk.module.path", "")
            + File.pathSeparator
            + System.getProperty("java.class.path"));
    command.add(ReproducibilityTest.class.getName());
    Path errors = Files.createTempFile("reproducibility", ".err");
    try {
      Process child =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
              .start();
      String interpreted =
          new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the interpreted run took over 2 minutes");
      assertEquals(
          0,
          child.exitValue(),
          () -> "the interpreted run " + command + " failed: " + read(errors));
      assertEquals("", firstDifference(interpreted, compiled), "interpreted against compiled");
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }

  /** Where two {@link #trainedWeights()} texts first differ, or "" if they are the same. */
  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n");
    String[] a = actual.split("\n");
    for (int p = 0; p < Math.max(e.length, a.length); p++) {
      String[] ev = p < e.length ? e[p].split(" ") : new String[0];
      String[] av = p < a.length ? a[p].split(" ") : new String[0];
      for (int i = 0; i < Math.max(ev.length, av.length); i++) {
        String x = i < ev.length ? ev[i] : "(none)";
        String y = i < av.length ? av[i] : "(none)";
        if (!x.equals(y)) {
          return "parameter " + p + ", value " + i + ": bits " + x + " against " + y;
        }
      }
    }
    return "";
  }
}
