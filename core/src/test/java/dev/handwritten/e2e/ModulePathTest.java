package dev.handwritten.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Sequential;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * core as a user's modular program meets it: a tiny program, its own module that {@code requires
 * dev.handwritten.core}, compiled and run on the module path in child JVMs, with and without {@code
 * --add-modules jdk.incubator.vector}. Without the flag the program must still train (on the scalar
 * kernels) and the missing flag must be logged once, naming it; never a {@code
 * NoClassDefFoundError} from the Vector API classes. Which kernels ran is read from core's log, at
 * level DEBUG (the program's logging configuration shows it).
 */
class ModulePathTest {
  /** A small CNN through every kernel that has a Vector API twin: GEMM, im2row, max-pool. */
  private static final String PROGRAM =
      """
      package demo;

      import dev.handwritten.layers.*;
      import dev.handwritten.loss.SoftmaxCrossEntropy;
      import dev.handwritten.optim.Adam;
      import dev.handwritten.tensor.Shape;
      import dev.handwritten.tensor.Tensor;
      import java.util.SplittableRandom;

      public final class Main {
        public static void main(String[] args) {
          Sequential model = new Sequential(Shape.of(1, 14, 14),
              new Conv2d(1, 8, 3, 1), new Relu(), new MaxPool2d(2),
              new Conv2d(8, 8, 3, 2), new Relu(), new MaxPool2d(2),
              new Flatten(), new Dense(8 * 2 * 2, 2, 3));
          Adam adam = new Adam(model.parameters(), 0.01);
          SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
          SplittableRandom random = new SplittableRandom(7);
          Tensor x = Tensor.zeros(8, 1, 14, 14);
          int[] labels = new int[8];
          for (int n = 0; n < 8; n++) {
            labels[n] = n % 2;
            for (int i = 0; i < 196; i++) {
              x.data()[n * 196 + i] = (float) random.nextDouble() * (labels[n] + 0.5f);
            }
          }
          double first = 0, last = 0;
          for (int step = 0; step < 30; step++) {
            model.zeroGrad();
            SoftmaxCrossEntropy.Result r = loss.compute(model.forward(x, Mode.train(step)), labels);
            model.backward(r.logitsGradient());
            adam.step();
            first = step == 0 ? r.loss() : first;
            last = r.loss();
          }
          System.out.println("core is " + Sequential.class.getModule());
          System.out.println("loss went down: " + (last < first / 2));
        }
      }
      """;

  /** java.util.logging, which backs System.Logger: core's kernel log down to DEBUG (FINE). */
  private static final String LOGGING =
      """
      handlers = java.util.logging.ConsoleHandler
      java.util.logging.ConsoleHandler.level = ALL
      dev.handwritten.kernels.level = FINE
      """;

  /** A class that reaches for the kernels, which core does not export. */
  private static final String INTO_THE_KERNELS =
      """
      package demo;

      public final class Internal {
        static boolean fast() {
          return dev.handwritten.kernels.KernelPath.vectorized();
        }
      }
      """;

  @TempDir static Path work;

  private static Path core;
  private static Path program;

  /** Compiles the program against core's classes, an exploded module. */
  @BeforeAll
  static void compileTheProgram() throws IOException, InterruptedException, URISyntaxException {
    core = Path.of(Sequential.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path sources = Files.createDirectories(work.resolve("src/demo"));
    Files.writeString(
        work.resolve("src/module-info.java"), "module demo { requires dev.handwritten.core; }");
    Files.writeString(sources.resolve("Main.java"), PROGRAM);
    Files.writeString(work.resolve("logging.properties"), LOGGING);
    program = work.resolve("classes");
    Child javac = compile(program, sources.resolve("Main.java"));
    assertEquals(0, javac.status(), "javac failed: " + javac.errors());
  }

  private static Child compile(Path classes, Path source) throws IOException, InterruptedException {
    return run(
        List.of(
            jdkTool("javac"),
            "--module-path",
            core.toString(),
            "-d",
            classes.toString(),
            work.resolve("src/module-info.java").toString(),
            source.toString()));
  }

  @Test
  void theKernelsAreNotExported() throws Exception {
    Path source = Files.writeString(work.resolve("Internal.java"), INTO_THE_KERNELS);

    Child javac = compile(work.resolve("internal-classes"), source);

    assertEquals(1, javac.status(), javac.errors());
    assertTrue(
        javac.errors().contains("package dev.handwritten.kernels is not visible"), javac.errors());
  }

  @Test
  void withoutTheVectorApiFlag_runsOnTheScalarKernels_andLogsTheFlagOnce() throws Exception {
    Child child = runProgram(List.of());

    assertEquals(0, child.status(), child.errors());
    assertTrue(child.output().contains("core is module dev.handwritten.core"), child.output());
    assertTrue(child.output().contains("loss went down: true"), child.output());
    assertFalse(child.errors().contains("NoClassDefFoundError"), child.errors());
    assertEquals(1, occurrences(child.errors(), "handwritten kernels:"), child.errors());
    assertTrue(child.errors().contains("handwritten kernels: scalar loops"), child.errors());
    assertEquals(
        1,
        occurrences(child.errors(), "--add-modules jdk.incubator.vector"),
        "the log should name the flag once: " + child.errors());
    assertTrue(child.errors().contains("INFO"), child.errors());
  }

  @Test
  void withTheVectorApiFlag_runsOnTheVectorKernels_andLogsOnlyAtDebug() throws Exception {
    Child child = runProgram(List.of("--add-modules", "jdk.incubator.vector"));

    assertEquals(0, child.status(), child.errors());
    assertTrue(child.output().contains("core is module dev.handwritten.core"), child.output());
    assertTrue(child.output().contains("loss went down: true"), child.output());
    assertTrue(child.errors().contains("FINE: handwritten kernels: Vector API"), child.errors());
    assertFalse(child.errors().contains("INFO"), child.errors());
  }

  private record Child(int status, String output, String errors) {}

  private static Child runProgram(List<String> jvmOptions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(jdkTool("java"));
    command.addAll(jvmOptions);
    command.add("-Djava.util.logging.config.file=" + work.resolve("logging.properties"));
    command.addAll(
        List.of(
            "--module-path", core + File.pathSeparator + program, "--module", "demo/demo.Main"));
    return run(command);
  }

  private static Child run(List<String> command) throws IOException, InterruptedException {
    Path errors = Files.createTempFile(work, "child", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), command + " took over 2 minutes");
    return new Child(process.exitValue(), output, Files.readString(errors));
  }

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
