package dev.handwritten.mnist.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.handwritten.mnist.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  void write_stoppedByAKill_leavesNoTemporaryFileBehind(@TempDir Path dir) throws Exception {
    // A child JVM starts a write that never finishes; SIGTERM (what kill and Ctrl-C send) stops
    // it mid-write, before its finally block can clean up.
    Process child =
        ChildJvm.running(EndlessWrite.class, dir.resolve("out.txt").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("writing", lines.readLine());
    }
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "the temporary file should exist while writing");
    }

    child.destroy();

    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not stop");
    try (var listing = Files.list(dir)) {
      assertEquals(List.of(), listing.toList());
    }
  }

  /** Writes half a file to the path in args[0], says so, and waits to be killed. */
  static final class EndlessWrite {
    public static void main(String[] args) throws IOException {
      AtomicFiles.write(
          Path.of(args[0]),
          out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
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
