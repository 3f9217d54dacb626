package dev.handwritten.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in the pages that is marked {@code <!-- snippet: File.java#name -->} must equal,
 * line for line, the region {@code // snippet:name ... // end-snippet} of that source file in this
 * module, which the build compiles and the tests run: the documentation cannot rot.
 */
class SnippetsTest {
  private static final Pattern MARKED =
      Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Path DOCS = Path.of(System.getProperty("docs.dir", "."));
  private static final Path REPO = Path.of(System.getProperty("repo.dir", ".."));

  @Test
  void markedSnippets_matchTheCompiledExamples() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(REPO.resolve("README.md"));
    try (Stream<Path> files = Files.list(DOCS)) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    int checked = 0;
    for (Path page : pages) {
      Matcher m = MARKED.matcher(Files.readString(page));
      while (m.find()) {
        String expected = region(m.group(1), m.group(2));
        assertEquals(expected, m.group(3).strip(), page + ": snippet " + m.group(2) + " differs");
        checked++;
      }
    }
    assertTrue(checked >= 3, "expected the pages to show at least 3 snippets, found " + checked);
  }

  private static String region(String file, String name) throws IOException {
    Path source;
    try (Stream<Path> files = Files.walk(DOCS.resolve("src/main/java"))) {
      source =
          files
              .filter(p -> p.getFileName().toString().equals(file))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no example source " + file));
    }
    List<String> lines = Files.readAllLines(source);
    int start =
        lines.indexOf(
            lines.stream()
                .filter(l -> l.strip().equals("// snippet:" + name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no snippet " + name)));
    List<String> body = new ArrayList<>();
    for (int i = start + 1; !lines.get(i).strip().equals("// end-snippet"); i++) {
      body.add(lines.get(i));
    }
    assertFalse(body.isEmpty(), file + "#" + name + " is empty");
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
            "\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList())
        .strip();
  }
}
