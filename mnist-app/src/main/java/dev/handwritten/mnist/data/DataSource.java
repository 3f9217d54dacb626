package dev.handwritten.mnist.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a data set can be downloaded from and what its files must hash to. {@link MnistFiles#MNIST}
 * and {@link MnistFiles#FASHION_MNIST} are the two the app knows; the files share names but not
 * contents, so the checksums, not the names, say which data set a folder holds.
 *
 * @param name for messages and the cache folder, for example {@code "MNIST"}
 * @param mirrors base URIs, tried in order; a file's URL is the base plus its name. A missing
 *     trailing {@code /} is added, because {@link URI#resolve} would otherwise drop the last
 *     segment.
 * @param sha256ByFile each file name and its lowercase hex SHA-256; iterated in name order
 */
public record DataSource(String name, List<URI> mirrors, Map<String, String> sha256ByFile) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  /**
   * @throws IllegalArgumentException if the name is blank, there is no mirror or no file, a mirror
   *     is not an absolute http(s) URI, a file name is not a plain name, or a checksum is not 64
   *     hex digits
   */
  public DataSource {
    if (name.isBlank()) {
      throw new IllegalArgumentException("DataSource: expected a name, got a blank string");
    }
    if (mirrors.isEmpty() || sha256ByFile.isEmpty()) {
      throw new IllegalArgumentException(
          "DataSource "
              + name
              + ": expected at least one mirror and one file, got "
              + mirrors.size()
              + " mirrors and "
              + sha256ByFile.size()
              + " files");
    }
    List<URI> bases = new ArrayList<>();
    for (URI mirror : mirrors) {
      String scheme = String.valueOf(mirror.getScheme()).toLowerCase(Locale.ROOT);
      if (!mirror.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
        throw new IllegalArgumentException(
            "DataSource " + name + ": expected an http or https mirror, got " + mirror);
      }
      String path = mirror.getRawPath() == null ? "" : mirror.getRawPath();
      bases.add(path.endsWith("/") ? mirror : URI.create(mirror + "/"));
    }
    Map<String, String> hashes = new TreeMap<>();
    for (Map.Entry<String, String> entry : sha256ByFile.entrySet()) {
      String file = entry.getKey();
      // The name becomes a path in the download folder and a URL segment: nothing that climbs out
      // of the folder or needs escaping.
      if (!FILE_NAME.matcher(file).matches() || file.equals(".") || file.equals("..")) {
        throw new IllegalArgumentException(
            "DataSource "
                + name
                + ": expected a plain file name of letters, digits, '.', '_' and '-', got \""
                + file
                + "\"");
      }
      String hash = entry.getValue().toLowerCase(Locale.ROOT);
      if (!SHA256.matcher(hash).matches()) {
        throw new IllegalArgumentException(
            "DataSource "
                + name
                + ": expected 64 hex digits as the SHA-256 of "
                + file
                + ", got \""
                + entry.getValue()
                + "\"");
      }
      hashes.put(file, hash);
    }
    mirrors = List.copyOf(bases);
    sha256ByFile = Collections.unmodifiableMap(hashes);
  }

  /** A folder name for this source: the name in lowercase, other characters as {@code -}. */
  public String folderName() {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
