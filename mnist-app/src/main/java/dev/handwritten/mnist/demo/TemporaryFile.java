package dev.handwritten.mnist.demo;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written beside its target under a hidden temporary name and moved into place when done, so
 * nothing half-written ever has the target's name; deleted if the JVM stops first (Ctrl-C).
 */
final class TemporaryFile {
  private final Path target;
  private final Path temporary;

  TemporaryFile(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Files.createDirectories(this.target.getParent());
    this.temporary =
        this.target
            .getParent()
            .resolve(
                "."
                    + this.target.getFileName()
                    + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
    temporary.toFile().deleteOnExit();
  }

  Path path() {
    return temporary;
  }

  void moveIntoPlace() throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // Nothing more to do: deleteOnExit tries again when the JVM ends.
    }
  }
}
