package dev.handwritten.mnist.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's output folder, written out of sight and published whole: a run writes into {@code
 * <name>.partial} beside its folder (the checkpoint and the history as training goes, then the
 * final outputs), and renames it to {@code <name>} at the very end. So {@code <name>} holds a
 * complete run or does not exist, and a killed run leaves everything it saved in {@code
 * <name>.partial}, where {@code mnist train --resume <name>} finds it.
 *
 * <pre>{@code
 * RunFolder run = RunFolder.of(Path.of("runs/train-1"));  // or runs/train-1.partial
 * AtomicFiles.write(run.file("model.hwnn"), ...);          // into runs/train-1.partial/
 * run.publish(false);                                       // now runs/train-1/
 * }</pre>
 *
 * <p>The rename of a folder is atomic on one file system; replacing an existing run ({@code
 * --force}) is two renames, the old folder moved aside first, so a crash between them leaves the
 * new run under {@code <name>.partial} and the old one under a hidden {@code .<name>.old-*}.
 */
public final class RunFolder {
  /** What is appended to a run folder's name while the run is being written. */
  public static final String PARTIAL = ".partial";

  /* The names a run writes, and AtomicFiles' temporary files: what --force may replace. */
  private static final Pattern RUN_FILE =
      Pattern.compile("[^/]+\\.(hwnn|hwck|json|csv|png|html)|\\..+\\.tmp");

  private final Path target;
  private final Path partial;

  private RunFolder(Path target) {
    this.target = target;
    this.partial = target.resolveSibling(target.getFileName() + PARTIAL);
  }

  /**
   * The run folder named {@code dir}, given as the run's folder or as its {@code .partial} twin. A
   * path without a name of its own ({@code .}, {@code ..}) is made absolute first.
   *
   * @throws IllegalArgumentException if {@code dir} is a file system's root
   */
  public static RunFolder of(Path dir) {
    Path normal = dir.normalize();
    if (normal.toString().isEmpty() || normal.endsWith("..")) {
      normal = dir.toAbsolutePath().normalize();
    }
    if (normal.getFileName() == null) {
      throw new IllegalArgumentException(
          "RunFolder: expected a folder with a name, got the root " + dir);
    }
    String name = normal.getFileName().toString();
    if (name.endsWith(PARTIAL) && name.length() > PARTIAL.length()) {
      normal = normal.resolveSibling(name.substring(0, name.length() - PARTIAL.length()));
    }
    return new RunFolder(normal);
  }

  /** Where the finished run appears, for example {@code runs/train-1}. */
  public Path target() {
    return target;
  }

  /** Where the run is written until it is published, for example {@code runs/train-1.partial}. */
  public Path partial() {
    return partial;
  }

  /** The file {@code name} in the folder being written. */
  public Path file(String name) {
    return partial.resolve(name);
  }

  /** The entries of the published folder, sorted; empty if it does not exist. */
  public List<String> published() throws IOException {
    return entries(target);
  }

  /**
   * The entries of the published folder that a run does not write: what --force must not delete.
   */
  public List<String> foreign() throws IOException {
    List<String> foreign = new ArrayList<>();
    for (String name : published()) {
      if (!Files.isRegularFile(target.resolve(name)) || !RUN_FILE.matcher(name).matches()) {
        foreign.add(name);
      }
    }
    return foreign;
  }

  /** Deletes the folder being written and everything in it, if it exists. */
  public void discardPartial() throws IOException {
    deleteTree(partial);
  }

  /**
   * Deletes the temporary files a killed writer left in the folder being written (only {@code kill
   * -9} leaves any): they are never read, but would be published with the run.
   */
  public void removeTemporaryFiles() throws IOException {
    for (String name : entries(partial)) {
      if (name.startsWith(".") && name.endsWith(".tmp")) {
        Files.deleteIfExists(partial.resolve(name));
      }
    }
  }

  /**
   * Renames the folder being written to the run's folder.
   *
   * @param replace whether a non-empty run folder may be replaced; an empty one always is
   * @throws IOException if the run folder holds files and {@code replace} is false, or a rename
   *     fails
   */
  public void publish(boolean replace) throws IOException {
    Files.createDirectories(partial);
    if (Files.isDirectory(target) && published().isEmpty()) {
      Files.delete(target);
    }
    if (!Files.exists(target)) {
      move(partial, target);
      return;
    }
    if (!replace) {
      throw new DirectoryNotEmptyException(target.toString());
    }
    Path aside =
        target.resolveSibling(
            "."
                + target.getFileName()
                + ".old-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    move(target, aside);
    move(partial, target);
    deleteTree(aside);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static List<String> entries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path visited, IOException e)
              throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(visited);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
