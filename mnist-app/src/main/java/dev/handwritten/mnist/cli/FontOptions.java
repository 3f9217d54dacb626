package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.synth.FontCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --fonts DIR}: folders of fonts to draw characters with, instead of the installed ones. */
final class FontOptions {
  @Option(
      names = "--fonts",
      paramLabel = "DIR",
      description =
          "a folder of TrueType or OpenType fonts to use instead of the installed ones (searched"
              + " recursively); give it several times for several folders")
  List<Path> dirs = new ArrayList<>();

  /**
   * The fonts in the folders, or the installed ones, sorted into fitting and measuring typefaces.
   */
  FontCatalog catalog() throws IOException {
    return FontCatalog.find(dirs);
  }
}
