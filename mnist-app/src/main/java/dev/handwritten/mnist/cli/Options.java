package dev.handwritten.mnist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one command, declared with their help text, then parsed from {@code --name value}
 * pairs. Typed getters turn bad values into a {@link UsageException} that names the option.
 */
final class Options {
  private record Declared(String name, String valueName, String help, boolean repeatable) {}

  private final String command;
  private final Map<String, Declared> declared = new LinkedHashMap<>();
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> operands = new ArrayList<>();
  private Declared operandsDeclared; // null: the command takes no arguments besides options
  private boolean help;

  Options(String command) {
    this.command = command;
  }

  /** Declares {@code --name VALUE}. */
  Options option(String name, String valueName, String help) {
    declared.put(name, new Declared(name, valueName, help, false));
    return this;
  }

  /** Declares {@code --name VALUE} that may be given several times. */
  Options repeatable(String name, String valueName, String help) {
    declared.put(name, new Declared(name, valueName, help, true));
    return this;
  }

  /** Declares a flag without a value. */
  Options flag(String name, String help) {
    declared.put(name, new Declared(name, null, help, false));
    return this;
  }

  /** Declares that arguments which are not options are accepted, e.g. file names. */
  Options operands(String valueName, String help) {
    operandsDeclared = new Declared(valueName + " ...", null, help, true);
    return this;
  }

  /** Parses the arguments after the command name. */
  Options parse(List<String> args) throws UsageException {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      Declared d = declared.get(name);
      if (d == null && operandsDeclared != null && !arg.startsWith("-")) {
        operands.add(arg);
        continue;
      }
      if (d == null) {
        throw new UsageException(
            arg.startsWith("-")
                ? "unknown option " + name + " for '" + command + "'"
                : "unexpected argument '" + arg + "' for '" + command + "'");
      }
      String value;
      if (d.valueName() == null) {
        value = "true";
      } else if (inline != null) {
        value = inline;
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new UsageException(
            "option " + name + " needs a value: " + name + " " + d.valueName());
      }
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!list.isEmpty() && !d.repeatable()) {
        throw new UsageException("option " + name + " is given twice");
      }
      list.add(value);
    }
    return this;
  }

  boolean helpRequested() {
    return help;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Optional<String> string(String name) {
    return has(name) ? Optional.of(values.get(name).getFirst()) : Optional.empty();
  }

  List<String> strings(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The arguments that were not options, in order (see {@link #operands(String, String)}). */
  List<String> operands() {
    return List.copyOf(operands);
  }

  Optional<Path> path(String name) {
    return string(name).map(Path::of);
  }

  int integer(String name, int fallback, int min) throws UsageException {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.get().replace("_", ""));
      if (value < min) {
        throw new UsageException("expected " + name + " >= " + min + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException(
          "expected " + name + " to be a whole number, got '" + raw.get() + "'");
    }
  }

  long longValue(String name, long fallback) throws UsageException {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(raw.get());
    } catch (NumberFormatException e) {
      throw new UsageException(
          "expected " + name + " to be a whole number, got '" + raw.get() + "'");
    }
  }

  double positiveDouble(String name, double fallback) throws UsageException {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new UsageException("expected " + name + " > 0, got " + raw.get());
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("expected " + name + " to be a number, got '" + raw.get() + "'");
    }
  }

  /** The help text: a usage line, then one line per option. */
  String help(String summary) {
    StringBuilder out = new StringBuilder(summary).append("\n\nOptions:\n");
    if (operandsDeclared != null) {
      out.append(String.format("  %-24s %s%n", operandsDeclared.name(), operandsDeclared.help()));
    }
    for (Declared d : declared.values()) {
      String left = d.name() + (d.valueName() == null ? "" : " " + d.valueName());
      out.append(String.format("  %-24s %s%n", left, d.help()));
    }
    out.append(String.format("  %-24s %s%n", "--help", "show this help"));
    return out.toString();
  }
}
