package dev.handwritten.mnist.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * How the app writes JSON, in one place: {@code snake_case} keys in the records' order, absent
 * values left out, and NaN or infinity (which JSON cannot express) written as {@code null}. {@link
 * #FILES} indents for people reading a file; {@link #LINES} writes one object per line, for {@code
 * predict --json} and the HTTP API.
 */
public final class Json {
  /** Indented: two spaces, {@code "key": value}, a matrix's rows on one line each. */
  public static final JsonMapper FILES = mapper(true);

  /** Compact: one object per line. */
  public static final JsonMapper LINES = mapper(false);

  private Json() {}

  private static JsonMapper mapper(boolean indented) {
    var builder =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // The record's order is the output's order: what a thing is, then what it measured.
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(
                include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addModule(
                new SimpleModule("finite numbers")
                    .addSerializer(Double.class, new FiniteDoubles())
                    .addSerializer(double.class, new FiniteDoubles()));
    if (indented) {
      builder.enable(SerializationFeature.INDENT_OUTPUT).defaultPrettyPrinter(prettyPrinter());
    }
    return builder.build();
  }

  /**
   * Two-space indents and {@code "key": value}; an array inside an array (a row of the confusion
   * matrix) stays on one line, so the matrix reads as a matrix.
   */
  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter lines = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter.Indenter rows =
        new DefaultPrettyPrinter.Indenter() {
          @Override
          public void writeIndentation(JsonGenerator g, int level) {
            var context = g.streamWriteContext();
            if (context.inArray() && context.getParent() != null && context.getParent().inArray()) {
              g.writeRaw(' ');
            } else {
              lines.writeIndentation(g, level);
            }
          }

          @Override
          public boolean isInline() {
            return false;
          }
        };
    return new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""))
        .withObjectIndenter(lines)
        .withArrayIndenter(rows);
  }

  /** Finite doubles as numbers, NaN and the infinities as {@code null}. */
  private static final class FiniteDoubles extends StdSerializer<Double> {
    FiniteDoubles() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator g, SerializationContext context) {
      if (Double.isFinite(value)) {
        g.writeNumber(value);
      } else {
        g.writeNull();
      }
    }
  }
}
