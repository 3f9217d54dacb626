package dev.handwritten.mnist.report;

import dev.handwritten.mnist.io.AtomicFiles;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A small pretty-printing JSON writer for {@code metrics.json}, so the app needs no JSON library.
 *
 * <pre>{@code
 * Map<String, Object> metrics = new LinkedHashMap<>();
 * metrics.put("testAccuracy", 0.9912);
 * metrics.put("epochs", List.of(1, 2, 3));
 * Json.writeFile(dir.resolve("metrics.json"), metrics);
 * }</pre>
 *
 * <p>Values map to JSON as follows: {@link Map} (string keys, in the map's own iteration order, so
 * use a {@link java.util.LinkedHashMap} for a stable order) to an object; {@link Collection} and
 * arrays (primitive or not) to an array; {@link CharSequence}, {@link Character} and {@link Enum}
 * (its name) to a string; {@link Number} to a number; {@link Boolean}; {@code null}. Doubles and
 * floats are printed with {@link Double#toString}/{@link Float#toString}, the shortest text that
 * reads back as the same value; NaN and the infinities, which JSON cannot express, become {@code
 * null}. Arrays holding only scalars stay on one line, so a confusion matrix reads as a matrix.
 */
public final class Json {
  private static final String INDENT = "  ";

  private Json() {}

  /**
   * @return {@code value} as pretty-printed JSON, without a trailing newline
   * @throws IllegalArgumentException if {@code value} holds a type listed nowhere above, a map key
   *     that is not a string, or a container that contains itself
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    new Writer(out).value(value, "$", 0);
    return out.toString();
  }

  /**
   * Writes {@link #write(Object) write(value)} and a newline to {@code file} as UTF-8, creating
   * parent directories; the file is replaced only once the text is complete.
   *
   * @throws IllegalArgumentException as {@link #write(Object)}, before the file is touched
   * @throws IOException if the file cannot be written
   */
  public static void writeFile(Path file, Object value) throws IOException {
    byte[] bytes = (write(value) + "\n").getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /** One serialization; {@code path} names the current value in error messages, e.g. $.a[2]. */
  private static final class Writer {
    private final StringBuilder out;
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    Writer(StringBuilder out) {
      this.out = out;
    }

    void value(Object v, String path, int depth) {
      switch (v) {
        case null -> out.append("null");
        case Boolean b -> out.append(b);
        case CharSequence s -> string(s.toString());
        case Character c -> string(c.toString());
        case Enum<?> e -> string(e.name());
        case Number n -> number(n);
        case Map<?, ?> m -> container(m, path, depth);
        case Collection<?> c -> container(c, path, depth);
        default -> {
          if (!v.getClass().isArray()) {
            throw new IllegalArgumentException(
                "Json: expected a map, collection, array, string, number, boolean or null at "
                    + path
                    + ", got "
                    + v.getClass().getName());
          }
          container(v, path, depth);
        }
      }
    }

    private void container(Object c, String path, int depth) {
      if (!open.add(c)) {
        throw new IllegalArgumentException(
            "Json: expected a tree, got a container that contains itself at " + path);
      }
      if (c instanceof Map<?, ?> m) {
        object(m, path, depth);
      } else {
        Object[] items = c instanceof Collection<?> col ? col.toArray() : boxed(c);
        array(items, path, depth);
      }
      open.remove(c);
    }

    private void object(Map<?, ?> m, String path, int depth) {
      if (m.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{");
      String sep = "\n";
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "Json: expected string keys at "
                  + path
                  + ", got "
                  + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                  + " "
                  + e.getKey()
                  + "; convert keys with String.valueOf");
        }
        out.append(sep);
        sep = ",\n";
        out.append(INDENT.repeat(depth + 1));
        string(key);
        out.append(": ");
        value(e.getValue(), path + "." + key, depth + 1);
      }
      out.append("\n").append(INDENT.repeat(depth)).append("}");
    }

    private void array(Object[] items, String path, int depth) {
      boolean flat = true;
      for (Object item : items) {
        flat &=
            !(item instanceof Map || item instanceof Collection)
                && (item == null || !item.getClass().isArray());
      }
      if (items.length == 0 || flat) {
        // Scalars on one line: a list of 30 losses or a matrix row stays readable.
        out.append("[");
        for (int i = 0; i < items.length; i++) {
          out.append(i == 0 ? "" : ", ");
          value(items[i], path + "[" + i + "]", depth + 1);
        }
        out.append("]");
        return;
      }
      out.append("[");
      for (int i = 0; i < items.length; i++) {
        out.append(i == 0 ? "\n" : ",\n").append(INDENT.repeat(depth + 1));
        value(items[i], path + "[" + i + "]", depth + 1);
      }
      out.append("\n").append(INDENT.repeat(depth)).append("]");
    }

    private static Object[] boxed(Object array) {
      Object[] items = new Object[Array.getLength(array)];
      for (int i = 0; i < items.length; i++) {
        items[i] = Array.get(array, i);
      }
      return items;
    }

    private void number(Number n) {
      switch (n) {
        case Double d -> out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        case Float f -> out.append(Float.isFinite(f) ? Float.toString(f) : "null");
        case Integer i -> out.append(i.intValue());
        case Long l -> out.append(l.longValue());
        case Short s -> out.append(s.shortValue());
        case Byte b -> out.append(b.byteValue());
        case BigInteger b -> out.append(b);
        case BigDecimal b -> out.append(b);
        default -> {
          double d = n.doubleValue();
          out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        }
      }
    }

    private void string(String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            // Control characters must be escaped; U+2028/9 are legal JSON but end a line in
            // JavaScript; a lone surrogate has no UTF-8 encoding and would turn into '?'.
            boolean pairedSurrogate =
                Character.isHighSurrogate(c)
                        && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c)
                        && i > 0
                        && Character.isHighSurrogate(s.charAt(i - 1));
            if (c < 0x20
                || c == '\u2028'
                || c == '\u2029'
                || (Character.isSurrogate(c) && !pairedSurrogate)) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
