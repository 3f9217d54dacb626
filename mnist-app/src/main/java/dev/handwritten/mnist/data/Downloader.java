package dev.handwritten.mnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Downloads the files of a {@link DataSource} that a folder lacks, trying its mirrors in order and
 * accepting a file only when its SHA-256 matches.
 *
 * <pre>{@code
 * Downloader downloader = new Downloader(Downloader.Listener.lines(System.err::println));
 * Path dir = downloader.ensure(Path.of("data"), MnistFiles.MNIST);
 * }</pre>
 *
 * <p>A file is streamed into a hidden {@code .part} file beside its final name, hashed on the way,
 * and renamed into place only after the checksum matches; a failure of any kind deletes the part
 * file. So a file under its final name is always complete and verified, a crash leaves at worst a
 * stray {@code .part} file, and two processes downloading at once cannot see each other's halves.
 *
 * <p>The request timeout covers the wait for the response headers; {@link HttpClient} has no
 * timeout for a body that stalls once it has started.
 */
public final class Downloader {
  /** How long to wait for a TCP connection to a mirror. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

  /**
   * How long to wait for a mirror's response headers once connected, and for each part of the body.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final String USER_AGENT = "handwritten-mnist (java.net.http)";

  private final Listener listener;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  /** A downloader with the default timeouts. */
  public Downloader(Listener listener) {
    this(listener, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * @param listener told about progress and each mirror's failure
   * @param connectTimeout for the TCP connection
   * @param requestTimeout for the response headers, and then for each part of the body
   * @throws IllegalArgumentException if a timeout is not positive
   */
  public Downloader(Listener listener, Duration connectTimeout, Duration requestTimeout) {
    if (!connectTimeout.isPositive() || !requestTimeout.isPositive()) {
      throw new IllegalArgumentException(
          "Downloader: expected positive timeouts, got connect "
              + connectTimeout
              + " and request "
              + requestTimeout);
    }
    this.listener = listener;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /**
   * Makes sure every file of {@code source} is in {@code dir}, downloading the missing ones. Files
   * already there are trusted without hashing them; {@link #verify} checks them.
   *
   * @param dir created if it does not exist
   * @return {@code dir}
   * @throws IOException if the folder cannot be created, or every mirror failed for a file: one
   *     line saying how to do without the network, with each mirror's failure as a suppressed
   *     exception (the listener was told each as it happened); an {@link InterruptedIOException} if
   *     the thread is interrupted. The folders it made for a download that failed are removed.
   */
  public Path ensure(Path dir, DataSource source) throws IOException {
    List<String> missing =
        source.sha256ByFile().keySet().stream()
            .filter(file -> !Files.isRegularFile(dir.resolve(file)))
            .toList();
    if (missing.isEmpty()) {
      return dir;
    }
    Deque<Path> made = new ArrayDeque<>(); // deepest first
    try {
      for (Path missingDir = dir.toAbsolutePath();
          !Files.exists(missingDir);
          missingDir = missingDir.getParent()) {
        made.addLast(missingDir);
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException(
          "Downloader: expected a folder at " + dir + " to download into, got " + e, e);
    }
    boolean done = false;
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      for (String file : missing) {
        download(client, dir, file, source);
      }
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Downloader: interrupted while downloading into " + dir);
    } finally {
      if (!done) {
        removeIfEmpty(made);
      }
    }
    return dir;
  }

  /** Removes the folders this download made, deepest first, as long as they are empty. */
  private static void removeIfEmpty(Deque<Path> made) {
    for (Path dir : made) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        return; // not empty: a file arrived, or someone else uses it
      }
    }
  }

  /**
   * Checks the SHA-256 of every file of {@code source} in {@code dir}.
   *
   * @return {@code dir}
   * @throws IOException listing each missing file and each checksum that differs, one per line
   */
  public static Path verify(Path dir, DataSource source) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : source.sha256ByFile().entrySet()) {
      Path file = dir.resolve(entry.getKey());
      if (!Files.isRegularFile(file)) {
        problems.add(entry.getKey() + ": missing");
        continue;
      }
      String actual = sha256(file);
      if (!actual.equals(entry.getValue())) {
        problems.add(entry.getKey() + ": SHA-256 " + actual + ", expected " + entry.getValue());
      }
    }
    if (!problems.isEmpty()) {
      throw new IOException(
          "Downloader: expected the "
              + source.name()
              + " files in "
              + dir
              + ", got "
              + problems.size()
              + " that do not verify:\n  "
              + String.join("\n  ", problems)
              + "\nis this a "
              + source.name()
              + " folder? delete the files listed to download them again");
    }
    return dir;
  }

  /** Tries each mirror for one file until one delivers the right bytes. */
  private void download(HttpClient client, Path dir, String file, DataSource source)
      throws IOException, InterruptedException {
    List<String> failures = new ArrayList<>();
    List<IOException> causes = new ArrayList<>();
    for (URI mirror : source.mirrors()) {
      URI url = mirror.resolve(file);
      listener.note("downloading " + file + " from " + url);
      try {
        fetch(client, url, dir, file, source.sha256ByFile().get(file));
        listener.note(file + ": SHA-256 verified");
        return;
      } catch (IOException e) {
        String failure = url + ": " + describe(url, e);
        failures.add(failure);
        causes.add(new IOException(failure, e));
        listener.note(failure);
      }
    }
    // One line: the listener has shown each mirror's failure once already, as it happened.
    IOException e =
        new IOException(
            "Downloader: every mirror failed for "
                + file
                + " of "
                + source.name()
                + " ("
                + failures.size()
                + " tried, each shown above with why); no network? download "
                + String.join(", ", source.sha256ByFile().keySet())
                + " from "
                + source.mirrors().getFirst()
                + " or another mirror into a folder yourself, and pass --data FOLDER");
    causes.forEach(e::addSuppressed);
    throw e;
  }

  /** Streams one URL into a part file, checks its SHA-256, and renames it into place. */
  private void fetch(HttpClient client, URI url, Path dir, String file, String expectedSha256)
      throws IOException, InterruptedException {
    Path part =
        dir.resolve(
            "." + file + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
    // A download stopped by Ctrl-C or kill never reaches the finally below; the JVM's shutdown
    // still deletes the part file (see AtomicFiles.write). Only kill -9 can leave one behind.
    part.toFile().deleteOnExit();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(requestTimeout)
              .header("User-Agent", USER_AGENT)
              .GET()
              .build();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        String actual = copy(body, part, file, total);
        if (!actual.equals(expectedSha256)) {
          throw new IOException(
              "SHA-256 "
                  + actual
                  + ", expected "
                  + expectedSha256
                  + " (the mirror serves another or a damaged file)");
        }
      }
      try {
        Files.move(part, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        // Keep the download's own failure: a stray part file is never read under a final name.
        listener.note("could not delete " + part + ": " + e);
      }
    }
  }

  /** Copies the body into a new file, reporting progress; returns the SHA-256 in hex. */
  private String copy(InputStream body, Path part, String file, long total) throws IOException {
    MessageDigest sha = newSha256();
    byte[] buffer = new byte[1 << 16];
    long bytes = 0;
    listener.progress(file, 0, total);
    AtomicLong lastRead = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    Thread watchdog = Thread.ofVirtual().start(() -> closeWhenStalled(body, lastRead, stalled));
    try (OutputStream out =
        Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = body.read(buffer)) != -1; ) {
        lastRead.set(System.nanoTime());
        out.write(buffer, 0, n);
        sha.update(buffer, 0, n);
        bytes += n;
        listener.progress(file, bytes, total);
      }
    } catch (IOException e) {
      if (stalled.get()) {
        throw new IOException(
            "no data for " + format(requestTimeout) + " after " + bytes + " bytes", e);
      }
      throw e;
    } finally {
      watchdog.interrupt();
    }
    return hex(sha.digest());
  }

  /**
   * Closes the body once no byte has arrived for the request timeout, which makes the blocked read
   * throw: HttpClient's own timeout ends with the headers, and a body can stall forever.
   */
  private void closeWhenStalled(InputStream body, AtomicLong lastRead, AtomicBoolean stalled) {
    try {
      while (true) {
        long left = requestTimeout.toNanos() - (System.nanoTime() - lastRead.get());
        if (left <= 0) {
          stalled.set(true);
          body.close();
          return;
        }
        Thread.sleep(Duration.ofNanos(left));
      }
    } catch (InterruptedException | IOException e) {
      // Interrupted: the copy is over. IOException: closing failed, and the read fails anyway.
    }
  }

  /** One short phrase for a failed attempt; HttpClient's exceptions often carry no message. */
  private String describe(URI url, IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + format(connectTimeout);
    }
    if (e instanceof HttpTimeoutException) {
      return "no response within " + format(requestTimeout);
    }
    String message = firstMessage(e);
    if (e instanceof ConnectException) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof UnresolvedAddressException) {
          return "unknown host " + url.getHost() + ", is there a network?";
        }
      }
      return "cannot connect, " + (message == null ? "refused or unreachable" : message);
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    return e.getClass() == IOException.class
        ? message
        : e.getClass().getSimpleName() + ": " + message;
  }

  /** The message of the exception or of its nearest cause that has one, or null. */
  private static String firstMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return null;
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The SHA-256 of a file, in lowercase hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest sha = newSha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        sha.update(buffer, 0, n);
      }
    }
    return hex(sha.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Downloader: every JDK has SHA-256, this one has not", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** What a download reports, on the downloading thread. */
  public interface Listener {
    /**
     * Called when a file starts (with {@code bytes} 0) and as its bytes arrive.
     *
     * @param totalBytes the size the server announced, or -1 if it did not
     */
    void progress(String file, long bytes, long totalBytes);

    /** One line for a person: which mirror is tried, why one failed, that a file verified. */
    void note(String line);

    /** Reports nothing. */
    static Listener silent() {
      return new Listener() {
        @Override
        public void progress(String file, long bytes, long totalBytes) {}

        @Override
        public void note(String line) {}
      };
    }

    /**
     * Turns everything into lines: each note, and progress at every tenth of a file (or every 4 MB
     * when the size is unknown), for example {@code "train-images-idx3-ubyte.gz: 4.0 of 9.9 MB
     * (40%)"}.
     */
    static Listener lines(Consumer<String> out) {
      return new LineListener(out);
    }
  }

  private static final class LineListener implements Listener {
    private static final long UNKNOWN_SIZE_STEP = 4_000_000;
    private final Consumer<String> out;
    private String file = "";
    private long lastStep = -1;

    LineListener(Consumer<String> out) {
      this.out = out;
    }

    @Override
    public void progress(String file, long bytes, long totalBytes) {
      if (bytes == 0 || !file.equals(this.file)) {
        this.file = file;
        lastStep = -1;
      }
      long step = totalBytes > 0 ? bytes * 10 / totalBytes : bytes / UNKNOWN_SIZE_STEP;
      if (step > lastStep) {
        lastStep = step;
        out.accept(
            totalBytes > 0
                ? String.format(
                    Locale.ROOT,
                    "%s: %.1f of %.1f MB (%d%%)",
                    file,
                    bytes / 1e6,
                    totalBytes / 1e6,
                    bytes * 100 / totalBytes)
                : String.format(Locale.ROOT, "%s: %.1f MB", file, bytes / 1e6));
      }
    }

    @Override
    public void note(String line) {
      out.accept(line);
    }
  }
}
