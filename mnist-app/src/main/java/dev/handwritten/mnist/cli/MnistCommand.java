package dev.handwritten.mnist.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code mnist} command itself, and the registry of its subcommands: adding a command is one
 * class (a {@link Subcommand} with picocli's {@code @Command}) and one line in the list below.
 */
@Command(
    name = "mnist",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.class,
    customSynopsis = "mnist <command> [options]",
    description = "Trains, evaluates and runs handwritten-digit recognizers, in pure Java.",
    optionListHeading = "%nOptions:%n",
    commandListHeading = "%nCommands:%n",
    footer = "%nRun 'mnist <command> --help' for a command's options.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      ExportCommand.class,
      PhotoBenchCommand.class,
      BenchCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      RejectionCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class,
    })
final class MnistCommand implements Callable<Integer> {
  /** The exit statuses, listed in every command's help. */
  static final Map<String, String> EXIT_STATUSES = exitStatuses();

  @Spec CommandSpec spec;

  /** {@code mnist} alone: the overview, on standard error since nothing was run. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.USAGE;
  }

  /**
   * The whole command line, printing to {@code out} and {@code err}: the subcommands get {@code
   * out} for their results, and every command shares the number parsing, the help layout and the
   * exit statuses.
   */
  static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof Subcommand command) {
              command.in = in;
              command.out = out;
              command.err = err;
            }
            return made;
          }
        };
    CommandLine cli =
        new CommandLine(new MnistCommand(), factory)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setHelpFactory(SpacedHelp::new)
            .setExecutionStrategy(new CommandLine.RunLast());
    NumberConverters.register(cli);
    configure(cli);
    return cli;
  }

  /** Sets what every command shares, down the tree. */
  private static void configure(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    spec.usageMessage()
        .width(100)
        .sortOptions(false)
        .descriptionHeading("%n")
        .parameterListHeading("%nArguments:%n")
        .optionListHeading("%nOptions:%n")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(EXIT_STATUSES);
    command.getSubcommands().values().forEach(MnistCommand::configure);
  }

  private static Map<String, String> exitStatuses() {
    Map<String, String> statuses = new LinkedHashMap<>();
    statuses.put(" " + Main.OK, "done");
    statuses.put(" " + Main.FAILURE, "failed: a bad or missing file, no data, a picture not read");
    statuses.put(" " + Main.USAGE, "the command line cannot be run as written");
    statuses.put(Integer.toString(Main.INTERRUPTED), "interrupted (Ctrl-C)");
    statuses.put(Integer.toString(Main.TERMINATED), "stopped by kill (SIGTERM)");
    return statuses;
  }

  /**
   * Help that shows options as {@code --out DIR}, the way users type them, rather than picocli's
   * {@code --out=DIR}; both forms are accepted.
   */
  private static final class SpacedHelp extends Help {
    SpacedHelp(CommandSpec spec, ColorScheme colors) {
      super(spec, colors);
    }

    @Override
    public IParamLabelRenderer parameterLabelRenderer() {
      IParamLabelRenderer standard = super.parameterLabelRenderer();
      return new IParamLabelRenderer() {
        @Override
        public Ansi.Text renderParameterLabel(
            ArgSpec arg, Ansi ansi, java.util.List<Ansi.IStyle> styles) {
          Ansi.Text label = standard.renderParameterLabel(arg, ansi, styles);
          if (arg instanceof OptionSpec && label.plainString().startsWith("=")) {
            return ansi.new Text(" ").concat(label.plainString().substring(1));
          }
          return label;
        }

        @Override
        public String separator() {
          return " ";
        }
      };
    }
  }
}
