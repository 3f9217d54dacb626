package dev.handwritten.mnist.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one line a user sees for a command line that cannot be parsed: what was wrong, in the app's
 * words, with a suggestion when it looks like a typo ({@code mnist trian}: "did you mean
 * 'train'?").
 */
final class ParseErrors {
  private ParseErrors() {}

  static String message(ParameterException e) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandName();
    return switch (e) {
      case CommandLine.UnmatchedArgumentException u -> unmatched(u, command);
      case CommandLine.MissingParameterException m -> missing(m);
      case CommandLine.OverwrittenOptionException o ->
          "option " + optionName(o.getOverwritten()) + " is given twice";
      default -> {
        if (e.getCause() instanceof CommandLine.TypeConversionException conversion
            && e.getArgSpec() != null) {
          yield "expected "
              + optionName(e.getArgSpec())
              + " to be "
              + conversion.getMessage()
              + ", got '"
              + e.getValue()
              + "'";
        }
        yield e.getMessage() + " for '" + name + "'";
      }
    };
  }

  private static String unmatched(CommandLine.UnmatchedArgumentException u, CommandLine command) {
    String arg = u.getUnmatched().getFirst();
    List<String> suggestions = u.getSuggestions();
    if (arg.startsWith("-")) {
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      return "unknown option "
          + option
          + " for '"
          + command.getCommandName()
          + "'"
          + suggest(suggestions);
    }
    if (command.getParent() == null) {
      return "unknown command '"
          + arg
          + "'"
          + (suggestions.isEmpty()
              ? "; the commands are " + String.join(", ", commandNames(command))
              : suggest(suggestions.stream().map(s -> "'" + s + "'").toList()));
    }
    return "unexpected argument '" + arg + "' for '" + command.getCommandName() + "'";
  }

  private static String missing(CommandLine.MissingParameterException m) {
    ArgSpec arg = m.getMissing().getFirst();
    if (arg instanceof OptionSpec option && option.arity().min() > 0) {
      return "option "
          + option.longestName()
          + " needs a value: "
          + option.longestName()
          + " "
          + option.paramLabel();
    }
    return "missing " + arg.paramLabel();
  }

  private static String suggest(List<String> suggestions) {
    return suggestions.isEmpty()
        ? ""
        : "; did you mean "
            + suggestions.stream().limit(3).collect(Collectors.joining(" or "))
            + "?";
  }

  private static List<String> commandNames(CommandLine root) {
    return root.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
  }

  private static String optionName(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
  }
}
