package dev.handwritten.mnist.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void write_replacesTheFile_andLeavesNoTemporaryFileBehind(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a/b/out.txt");
    AtomicFiles.write(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(file));
    try (var listing = Files.list(file.getParent())) {
      assertEquals(List.of(file), listing.toList());
    }
  }

  @Test
  void write_thatFailsHalfway_keepsTheOldFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out.txt");
    Files.writeString(file, "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(file));
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(file), listing.toList());
    }
  }

  @Test
  void write_givesTheUsualPermissions_notPrivateTemporaryOnes(@TempDir Path dir) throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Path atomic = dir.resolve("atomic.txt");
    AtomicFiles.write(atomic, out -> out.write(1));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
  }
}
