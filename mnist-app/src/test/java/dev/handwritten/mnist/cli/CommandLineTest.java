package dev.handwritten.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.kernels.KernelPath;
import dev.handwritten.mnist.report.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line offers besides the work itself: versions, help, typos, completion. */
class CommandLineTest {
  @TempDir Path dir;

  private static MainTest.Outcome run(String... args) {
    return MainTest.run(args);
  }

  @Test
  void version_namesTheBuildTheCommitTheJavaRuntimeAndTheKernels() {
    MainTest.Outcome o = run("--version");
    assertEquals(0, o.status(), o.err());
    List<String> lines = o.out().lines().toList();
    // "mnist 0.1.0-SNAPSHOT, commit ff778db263", then Java, kernels and CPU.
    assertTrue(
        lines.get(0).matches("mnist \\S+, commit ([0-9a-f]{7,40}|unknown)(-dirty)?"), o.out());
    assertTrue(lines.get(1).startsWith("Java " + Runtime.version()), o.out());
    assertEquals("kernels: " + KernelPath.describe(), lines.get(2));
    assertTrue(lines.get(3).startsWith("CPU: "), o.out());
    assertEquals(o.out(), run("version").out(), "'mnist version' says the same");
    assertEquals(Provenance.App.current().describe(), lines.get(0).substring("mnist ".length()));
  }

  @Test
  void aBuildFromGit_knowsItsCommit() {
    // Maven fills build.properties; a build that lost the filtering would say "unknown" here.
    assertTrue(
        Provenance.App.current().gitCommit().matches("[0-9a-f]{10}"),
        Provenance.App.current().toString());
    assertTrue(!Provenance.App.current().version().equals("unknown"));
  }

  @Test
  void aMistypedCommand_suggestsTheRightOne_andExitsWithTwo() {
    MainTest.Outcome o = run("trian");
    assertEquals(2, o.status());
    assertEquals(
        "mnist: unknown command 'trian'; did you mean 'train'?\nRun 'mnist --help' for usage.\n",
        o.err());
  }

  @Test
  void aMistypedOption_suggestsTheRightOne() {
    MainTest.Outcome o = run("train", "--epoch", "3");
    assertEquals(2, o.status());
    assertTrue(
        o.err().startsWith("mnist: unknown option --epoch for 'train'; did you mean --epochs?"),
        o.err());
  }

  @Test
  void everyCommandsHelp_listsTheExitStatuses() {
    for (String command : List.of("train", "evaluate", "predict", "version", "completion")) {
      MainTest.Outcome o = run(command, "--help");
      assertEquals(0, o.status(), command);
      assertTrue(o.out().startsWith("Usage: mnist " + command), o.out());
      for (String status : List.of("0", "1", "2", "130")) {
        assertTrue(o.out().matches("(?s).*Exit status:.*\\n +" + status + " +\\S.*"), o.out());
      }
    }
    assertTrue(run("--help").out().contains("Exit status:"));
  }

  @Test
  void help_showsOptionsTheWayTheyAreTyped() {
    String help = run("train", "--help").out();
    assertTrue(help.contains("--epochs N "), help);
    assertTrue(help.contains("--out DIR "), help);
    // ...and both forms are accepted.
    assertEquals(run("train", "--epochs", "0").err(), run("train", "--epochs=0").err());
  }

  @Test
  void numbers_mayGroupTheirDigits() {
    MainTest.Outcome o = run("train", "--limit", "1_000", "--validation", "1_000", "--data", "x");
    assertTrue(o.err().startsWith("mnist: "), o.err());
    assertTrue(!o.err().contains("whole number"), o.err());
  }

  @Test
  void helpCommand_showsACommandsHelp() {
    assertEquals(run("predict", "--help").out(), run("help", "predict").out());
  }

  @Test
  void completion_forAnUnknownShell_isAUsageError() {
    MainTest.Outcome o = run("completion", "fish");
    assertEquals(2, o.status());
    assertTrue(o.err().startsWith("mnist: expected the shell bash or zsh, got 'fish'"), o.err());
  }

  @Test
  void completionScript_completesCommandsOptionsAndValues_inBash()
      throws IOException, InterruptedException {
    MainTest.Outcome o = run("completion", "bash");
    assertEquals(0, o.status(), o.err());
    Path script = Files.writeString(dir.resolve("mnist-completion.bash"), o.out());

    assertEquals(List.of("train"), complete(script, "mnist", "tr"));
    assertEquals(List.of("--schedule"), complete(script, "mnist", "train", "--sch"));
    assertEquals(
        List.of("constant", "cosine"), complete(script, "mnist", "train", "--schedule", "co"));
    assertTrue(complete(script, "mnist", "").containsAll(List.of("train", "evaluate", "predict")));
  }

  /** What bash offers for the last word, by calling the script's function as bash would. */
  private static List<String> complete(Path script, String... words)
      throws IOException, InterruptedException {
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append(" '").append(word).append("'");
    }
    String line = String.join(" ", words);
    String program =
        "source '"
            + script
            + "'\n"
            + "COMP_WORDS=("
            + array
            + " )\n"
            + "COMP_CWORD="
            + (words.length - 1)
            + "\nCOMP_LINE='"
            + line
            + "'\nCOMP_POINT="
            + line.length()
            + "\n_complete_mnist 2>/dev/null\n"
            + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
  }
}
