package dev.handwritten.mnist.cli;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the command line reads numbers. A bad value fails with what was expected ("a whole number");
 * {@link ParseErrors} adds the option's name and the value to make the one line the user sees.
 * Underscores group digits, as in Java: {@code --limit 10_000}.
 */
final class NumberConverters {
  static final String WHOLE_NUMBER = "a whole number";
  static final String NUMBER = "a number";

  private NumberConverters() {}

  static void register(CommandLine cli) {
    ITypeConverter<Integer> integer = raw -> parse(raw, Integer::parseInt, WHOLE_NUMBER);
    ITypeConverter<Long> whole = raw -> parse(raw, Long::parseLong, WHOLE_NUMBER);
    ITypeConverter<Double> number = raw -> parse(raw, Double::parseDouble, NUMBER);
    cli.registerConverter(Integer.class, integer)
        .registerConverter(int.class, integer)
        .registerConverter(Long.class, whole)
        .registerConverter(long.class, whole)
        .registerConverter(Double.class, number)
        .registerConverter(double.class, number);
  }

  private interface Parser<T> {
    T parse(String text);
  }

  private static <T> T parse(String raw, Parser<T> parser, String expected) {
    try {
      return parser.parse(raw.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException(expected);
    }
  }
}
