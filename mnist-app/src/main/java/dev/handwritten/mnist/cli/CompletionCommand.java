package dev.handwritten.mnist.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mnist completion bash}: prints a script that completes the commands, options and option
 * values (presets, schedules, files) in bash, or in zsh through its bash compatibility.
 */
@Command(
    name = "completion",
    description = {
      "print a shell-completion script for bash or zsh",
      "",
      "The script completes commands, options and their values; it is generated from the commands"
          + " themselves, so it never falls behind.",
      "",
      "Try it:  source <(./mnist completion bash)",
      "Keep it: ./mnist completion bash > ~/.local/share/bash-completion/completions/mnist"
    },
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist completion bash|zsh")
final class CompletionCommand extends Subcommand {
  @Parameters(
      paramLabel = "SHELL",
      arity = "0..1",
      description = "bash (default) or zsh",
      completionCandidates = Shells.class)
  String shell = "bash";

  @Spec CommandSpec spec;

  static final class Shells extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Shells() {
      super(java.util.List.of("bash", "zsh"));
    }
  }

  @Override
  void run() throws UsageException {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new UsageException("expected the shell bash or zsh, got '" + shell + "'");
    }
    // picocli's script serves both: zsh runs it through bashcompinit, which it loads itself.
    out.print(AutoComplete.bash("mnist", spec.root().commandLine()));
  }
}
