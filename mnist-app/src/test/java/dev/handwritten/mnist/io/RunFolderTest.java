package dev.handwritten.mnist.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder is written as {@code <name>.partial} and appears whole under its name. */
class RunFolderTest {
  @TempDir Path dir;

  private static void write(Path file, String text) throws IOException {
    AtomicFiles.write(file, out -> out.write(text.getBytes()));
  }

  @Test
  void filesGoToThePartialFolder_andPublishingRenamesItWhole() throws IOException {
    RunFolder run = RunFolder.of(dir.resolve("run"));
    write(run.file("metrics.json"), "{}");
    assertEquals(dir.resolve("run.partial/metrics.json"), run.file("metrics.json"));
    assertFalse(Files.exists(dir.resolve("run")), "nothing under the final name before the end");

    run.publish(false);

    assertEquals(List.of("metrics.json"), run.published());
    assertFalse(Files.exists(dir.resolve("run.partial")));
  }

  @Test
  void thePartialName_andDotPaths_nameTheSameRun() {
    assertEquals(dir.resolve("run"), RunFolder.of(dir.resolve("run.partial")).target());
    RunFolder here = RunFolder.of(Path.of("."));
    assertEquals(Path.of("").toAbsolutePath().getFileName(), here.target().getFileName());
  }

  @Test
  void publishing_overAnEmptyFolder_usesIt_butNotOverARun_unlessReplacing() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    RunFolder empty = RunFolder.of(dir.resolve("empty"));
    write(empty.file("a.json"), "new");
    empty.publish(false);
    assertEquals(List.of("a.json"), empty.published());

    RunFolder again = RunFolder.of(dir.resolve("empty"));
    write(again.file("b.json"), "newer");
    assertThrows(DirectoryNotEmptyException.class, () -> again.publish(false));
    again.publish(true);
    assertEquals(List.of("b.json"), again.published());
    try (var siblings = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("empty")), siblings.toList(), "the old run is deleted");
    }
  }

  @Test
  void foreign_listsWhatARunDoesNotWrite() throws IOException {
    Path target = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(target.resolve("model.hwnn"), "x");
    Files.writeString(target.resolve("notes.txt"), "mine");
    Files.createDirectories(target.resolve("src"));
    assertEquals(List.of("notes.txt", "src"), RunFolder.of(target).foreign());
  }

  @Test
  void removeTemporaryFiles_deletesOnlyWhatAKilledWriterLeft() throws IOException {
    RunFolder run = RunFolder.of(dir.resolve("killed"));
    write(run.file("checkpoint.hwck"), "saved");
    Files.writeString(run.file(".checkpoint.hwck.1f2e3d.tmp"), "half");
    run.removeTemporaryFiles();
    try (var files = Files.list(run.partial())) {
      assertEquals(List.of(run.file("checkpoint.hwck")), files.toList());
    }
    assertTrue(Files.exists(run.file("checkpoint.hwck")));
  }
}
