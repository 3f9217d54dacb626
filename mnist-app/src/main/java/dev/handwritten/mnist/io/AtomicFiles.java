package dev.handwritten.mnist.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes a file through a temporary sibling and a move, so readers see the old or the new file. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What goes into the file; may throw, in which case the target is left untouched. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Creates the parent directories, writes {@code body} to a temporary file in the target's
   * directory (the same file system, so the move can be atomic) and moves it over {@code target}.
   */
  public static void write(Path target, Body body) throws IOException {
    Path file = target.toAbsolutePath();
    Path dir = file.getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its files are private to the owner (0600), and the report is meant
    // to be read by others, e.g. served by a web server; CREATE_NEW keeps the default permissions.
    Path tmp =
        dir.resolve(
            "."
                + file.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    // A run stopped by Ctrl-C or kill never reaches the finally below; the JVM's shutdown still
    // deletes this (once moved into place, there is nothing left under its name to delete). Only
    // kill -9 can leave one behind. The JVM keeps the name until it exits: a few per run.
    tmp.toFile().deleteOnExit();
    try {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(
                  tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        body.writeTo(out);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Some file systems (a few network mounts) cannot rename atomically; a plain replace
        // still never exposes a partly written file under the target's name.
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
