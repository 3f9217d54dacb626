package dev.handwritten.mnist.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  @Test
  void write_prettyPrintsNestedValuesInInsertionOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", true);
    inner.put("a", null);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "run-1");
    root.put("epochs", 3);
    root.put("losses", List.of(0.5, 0.25));
    root.put("confusion", new int[][] {{5, 0}, {1, 4}});
    root.put("flags", inner);
    root.put("empty", Map.of());
    root.put("none", List.of());
    assertEquals(
        """
        {
          "name": "run-1",
          "epochs": 3,
          "losses": [0.5, 0.25],
          "confusion": [
            [5, 0],
            [1, 4]
          ],
          "flags": {
            "z": true,
            "a": null
          },
          "empty": {},
          "none": []
        }""",
        Json.write(root));
  }

  @Test
  void write_escapesQuotesBackslashesAndControlCharacters() {
    assertEquals("\"say \\\"hi\\\"\"", Json.write("say \"hi\""));
    assertEquals("\"C:\\\\data\\\\mnist\"", Json.write("C:\\data\\mnist"));
    assertEquals("\"a\\nb\\rc\\td\\be\\ff\"", Json.write("a\nb\rc\td\be\ff"));
    assertEquals("\"\\u0000\\u001f\\u0001\"", Json.write("\u0000\u001f\u0001"));
    assertEquals("\"</p> & 'x' / y\"", Json.write("</p> & 'x' / y"));
  }

  @Test
  void write_keepsUnicode_butEscapesLineSeparatorsAndLoneSurrogates() {
    // é, the euro sign and an emoji (a surrogate pair) are plain UTF-8 in the output.
    assertEquals("\"é€\uD83D\uDE00\"", Json.write("é€\uD83D\uDE00"));
    // U+2028/9 end a line in JavaScript; a lone surrogate cannot be encoded as UTF-8.
    assertEquals("\"\\u2028\\u2029\"", Json.write("\u2028\u2029"));
    assertEquals("\"\\ud83dx\\ude00\"", Json.write("\uD83Dx\uDE00"));
  }

  @Test
  void write_printsNumbersSoTheyReadBackExactly() {
    assertEquals("0.1", Json.write(0.1));
    assertEquals("0.1", Json.write(0.1f)); // Float.toString, not the widened 0.10000000149011612
    assertEquals("1.0E-7", Json.write(1e-7));
    assertEquals("-0.0", Json.write(-0.0));
    assertEquals("42", Json.write(42));
    assertEquals("9007199254740993", Json.write(9007199254740993L)); // not rounded via double
    for (double d : new double[] {0.9912, 1.0 / 3, 1e300, Double.MIN_VALUE, -2.5e-17, 6.02e23}) {
      assertEquals(d, Double.parseDouble(Json.write(d)));
    }
  }

  @Test
  void write_turnsNonFiniteNumbersIntoNull() {
    assertEquals(
        "[null, null, null, null]",
        Json.write(
            List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN)));
  }

  @Test
  void write_thenParse_givesBackTheSameTree() {
    Random random = new Random(7);
    Map<String, Object> root = new LinkedHashMap<>();
    for (int k = 0; k < 20; k++) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        list.add(random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
        list.add(randomString(random));
      }
      Map<String, Object> child = new LinkedHashMap<>();
      child.put(randomString(random), list);
      child.put("ok", random.nextBoolean());
      child.put("nothing", null);
      root.put(randomString(random) + k, child);
    }
    Object parsed = new MiniParser(Json.write(root)).parse();
    assertEquals(root, parsed);
    assertEquals(List.copyOf(root.keySet()), List.copyOf(((Map<?, ?>) parsed).keySet()));
  }

  @Test
  void write_rejectsUnsupportedValues_namingWhereTheyAre() {
    Map<String, Object> root = Map.of("a", List.of(1, new Object()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.write(root));
    assertEquals(
        "Json: expected a map, collection, array, string, number, boolean or null at $.a[1], "
            + "got java.lang.Object",
        e.getMessage());
  }

  @Test
  void write_rejectsNonStringKeys() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(7, "x")));
    assertEquals(
        "Json: expected string keys at $, got java.lang.Integer 7; convert keys with String.valueOf",
        e.getMessage());
  }

  @Test
  void write_rejectsAContainerThatContainsItself() {
    List<Object> loop = new ArrayList<>();
    loop.add(1);
    loop.add(loop);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("loop", loop)));
    assertEquals(
        "Json: expected a tree, got a container that contains itself at $.loop[1]", e.getMessage());
  }

  @Test
  void write_allowsTheSameValueTwiceWhenItIsNotACycle() {
    List<Integer> shared = List.of(1, 2);
    assertEquals("[\n  [1, 2],\n  [1, 2]\n]", Json.write(List.of(shared, shared)));
  }

  @Test
  void writeFile_writesUtf8AndANewline_creatingDirectories(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run/metrics.json");
    Json.writeFile(file, Map.of("class", "T-shirt/top é"));
    assertEquals(
        "{\n  \"class\": \"T-shirt/top é\"\n}\n", Files.readString(file, StandardCharsets.UTF_8));
  }

  private static String randomString(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      // Mostly ASCII including every control character, some Latin-1 and CJK.
      int kind = random.nextInt(4);
      s.append(
          (char)
              switch (kind) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0xA0 + random.nextInt(0x60);
                case 2 -> 0x4E00 + random.nextInt(0x100);
                default -> 0x20 + random.nextInt(0x5F);
              });
    }
    return s.toString();
  }

  /**
   * Just enough of a JSON reader (RFC 8259) to check that what Json writes parses back: numbers
   * become Double, objects LinkedHashMap, arrays ArrayList.
   */
  private static final class MiniParser {
    private final String text;
    private int at;

    MiniParser(String text) {
      this.text = text;
    }

    Object parse() {
      Object value = value();
      skipSpace();
      if (at != text.length()) {
        throw new IllegalStateException("trailing text at " + at);
      }
      return value;
    }

    private Object value() {
      skipSpace();
      char c = text.charAt(at);
      if (c == '{') {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (text.charAt(at) == '}') {
          at++;
          return map;
        }
        do {
          skipSpace();
          String key = string();
          skipSpace();
          expect(':');
          map.put(key, value());
          skipSpace();
        } while (text.charAt(at++) == ',');
        check(text.charAt(at - 1) == '}');
        return map;
      }
      if (c == '[') {
        List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (text.charAt(at) == ']') {
          at++;
          return list;
        }
        do {
          list.add(value());
          skipSpace();
        } while (text.charAt(at++) == ',');
        check(text.charAt(at - 1) == ']');
        return list;
      }
      if (c == '"') {
        return string();
      }
      for (String word : List.of("true", "false", "null")) {
        if (text.startsWith(word, at)) {
          at += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      check(at > start);
      return Double.parseDouble(text.substring(start, at));
    }

    private String string() {
      expect('"');
      StringBuilder s = new StringBuilder();
      while (true) {
        char c = text.charAt(at++);
        if (c == '"') {
          return s.toString();
        }
        check(c >= 0x20);
        if (c != '\\') {
          s.append(c);
          continue;
        }
        char e = text.charAt(at++);
        switch (e) {
          case 'n' -> s.append('\n');
          case 'r' -> s.append('\r');
          case 't' -> s.append('\t');
          case 'b' -> s.append('\b');
          case 'f' -> s.append('\f');
          case 'u' -> {
            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          case '"', '\\', '/' -> s.append(e);
          default -> throw new IllegalStateException("bad escape \\" + e + " at " + at);
        }
      }
    }

    private void skipSpace() {
      while (at < text.length() && " \n\r\t".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
    }

    private void expect(char c) {
      check(text.charAt(at++) == c);
    }

    private void check(boolean ok) {
      if (!ok) {
        throw new IllegalStateException("unexpected character at " + (at - 1) + " in " + text);
      }
    }
  }
}
