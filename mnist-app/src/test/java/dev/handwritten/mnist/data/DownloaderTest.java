package dev.handwritten.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handwritten.mnist.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader against a local HTTP server whose folders each misbehave in one way: {@code
 * /good/} serves the files, {@code /corrupt/} serves them with one byte flipped, {@code /missing/}
 * answers 404, {@code /slow/} answers after 5 s, {@code /stall/} stops sending halfway through a
 * file.
 */
@Timeout(10) // a network test that hangs fails instead of stalling the build
class DownloaderTest {
  /** "abc" pins the hex format: its SHA-256 is the FIPS 180-2 test vector. */
  private static final byte[] SMALL = "abc".getBytes(StandardCharsets.US_ASCII);

  private static final String SMALL_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  /** Big enough to arrive in several chunks. */
  private static final byte[] LARGE = randomBytes(300_000);

  @TempDir Path tmp;

  private HttpServer server;
  private ExecutorService executor;
  private final Map<String, Integer> requests = new ConcurrentHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<long[]> progress = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/good/", ex -> send(ex, content(ex)));
    server.createContext(
        "/corrupt/",
        ex -> {
          byte[] bytes = content(ex).clone();
          bytes[bytes.length / 2] ^= 1;
          send(ex, bytes);
        });
    server.createContext("/missing/", ex -> send(ex, 404, "not here".getBytes()));
    server.createContext(
        "/slow/",
        ex -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(ex, content(ex));
        });
    server.createContext(
        "/stall/",
        ex -> {
          byte[] bytes = content(ex);
          ex.sendResponseHeaders(200, bytes.length);
          OutputStream out = ex.getResponseBody();
          out.write(bytes, 0, bytes.length / 2);
          out.flush();
          // Then nothing: the connection stays open and the rest never comes.
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Test
  void ensure_downloadsEveryFile_verifiesIt_andLeavesNothingElse() throws IOException {
    Path dir = tmp.resolve("cache/fake");
    assertEquals(dir, downloader().ensure(dir, source("good")));
    assertArrayEquals(LARGE, Files.readAllBytes(dir.resolve("large.bin")));
    assertArrayEquals(SMALL, Files.readAllBytes(dir.resolve("small.bin")));
    assertEquals(Set.of("large.bin", "small.bin"), list(dir));
    assertTrue(notes.contains("large.bin: SHA-256 verified"), notes.toString());
    long[] last = progress.getLast();
    assertEquals(List.of(3L, 3L), List.of(last[0], last[1]), "small.bin comes last, complete");
    assertTrue(progress.size() > 3, "progress while the large file arrives");
  }

  @Test
  void ensure_trustsFilesAlreadyThere_withoutAsking() throws IOException {
    Files.write(tmp.resolve("small.bin"), "not abc".getBytes());
    downloader().ensure(tmp, source("good"));
    assertEquals(Map.of("/good/large.bin", 1), requests);
    assertEquals("not abc", Files.readString(tmp.resolve("small.bin")));
  }

  @Test
  void ensure_withEveryFilePresent_makesNoRequest() throws IOException {
    Files.write(tmp.resolve("small.bin"), SMALL);
    Files.write(tmp.resolve("large.bin"), LARGE);
    downloader().ensure(tmp, source("good"));
    assertEquals(Map.of(), requests);
  }

  @Test
  void ensure_rejectsACorruptedDownload_andLeavesNothingBehind() {
    var e = assertThrows(IOException.class, () -> downloader().ensure(tmp, source("corrupt")));
    assertTrue(reasons(e).contains(url("corrupt", "large.bin") + ": SHA-256 "), reasons(e));
    assertTrue(reasons(e).contains(", expected " + TestData.sha256(LARGE)), reasons(e));
    assertEquals(Set.of(), list(tmp));
  }

  @Test
  void ensure_afterACorruptedMirror_usesTheNext() throws IOException {
    downloader().ensure(tmp, source("corrupt", "good"));
    assertArrayEquals(LARGE, Files.readAllBytes(tmp.resolve("large.bin")));
    assertEquals(Set.of("large.bin", "small.bin"), list(tmp));
  }

  @Test
  void ensure_after404_usesTheNext() throws IOException {
    downloader().ensure(tmp, source("missing", "good"));
    assertEquals(Set.of("large.bin", "small.bin"), list(tmp));
    assertTrue(notes.contains(url("missing", "large.bin") + ": HTTP 404"), notes.toString());
  }

  @Test
  void ensure_afterARefusedConnection_usesTheNext() throws IOException {
    URI refused = URI.create("http://127.0.0.1:" + unusedPort() + "/");
    downloader().ensure(tmp, source(List.of(refused, base("good"))));
    assertEquals(Set.of("large.bin", "small.bin"), list(tmp));
    assertTrue(
        notes.stream().anyMatch(n -> n.startsWith(refused + "large.bin: cannot connect")),
        notes.toString());
  }

  @Test
  void ensure_afterAMirrorThatDoesNotAnswerInTime_usesTheNext() throws IOException {
    Downloader quick = new Downloader(listener(), Duration.ofSeconds(2), Duration.ofMillis(300));
    quick.ensure(tmp, source("slow", "good"));
    assertEquals(Set.of("large.bin", "small.bin"), list(tmp));
    assertTrue(
        notes.contains(url("slow", "large.bin") + ": no response within 300 ms"), notes.toString());
  }

  @Test
  void ensure_mirrorThatStopsSendingMidFile_isGivenUp_andLeavesNothingBehind() {
    Downloader quick = new Downloader(listener(), Duration.ofSeconds(2), Duration.ofMillis(300));
    var e = assertThrows(IOException.class, () -> quick.ensure(tmp, source("stall")));
    assertTrue(
        reasons(e).contains(url("stall", "large.bin") + ": no data for 300 ms after 150000 bytes"),
        reasons(e));
    assertEquals(Set.of(), list(tmp));
  }

  @Test
  void ensure_stoppedByAKillMidFile_leavesNothingBehind() throws Exception {
    // A child JVM downloads from the mirror that stalls halfway; SIGTERM (what kill and Ctrl-C
    // send) stops it there, before its finally block can delete the part file.
    Path dir = tmp.resolve("cache");
    Process child =
        ChildJvm.running(
                StalledDownload.class,
                dir.toString(),
                base("stall").toString(),
                TestData.sha256(LARGE))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      while (!Files.isDirectory(dir) || list(dir).isEmpty()) {
        assertTrue(child.isAlive(), "the child ended before its download began");
        Thread.sleep(20);
      }
      assertTrue(list(dir).iterator().next().endsWith(".part"), list(dir).toString());

      child.destroy();

      assertTrue(child.waitFor(5, TimeUnit.SECONDS), "child did not stop");
      assertEquals(Set.of(), list(dir));
    } finally {
      child.destroyForcibly();
    }
  }

  /** Downloads large.bin from the mirror in args[1] into args[0]; the stall mirror never ends. */
  static final class StalledDownload {
    public static void main(String[] args) throws IOException {
      new Downloader(Downloader.Listener.silent(), Duration.ofSeconds(2), Duration.ofSeconds(60))
          .ensure(
              Path.of(args[0]),
              new DataSource("Fake", List.of(URI.create(args[1])), Map.of("large.bin", args[2])));
    }
  }

  @Test
  void ensure_connectionDroppedMidFile_leavesNothingBehind() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // One connection: read the request head, announce 1000 bytes, send 10 and hang up.
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket client = socket.accept()) {
                  InputStream in = client.getInputStream();
                  for (int b, matched = 0; matched < 4 && (b = in.read()) != -1; ) {
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                  }
                  client
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // The test then fails on the client side, with a clearer message.
                }
              });
      URI dropping = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
      var e =
          assertThrows(
              IOException.class, () -> downloader().ensure(tmp, source(List.of(dropping))));
      assertTrue(reasons(e).contains(dropping + "large.bin: "), reasons(e));
      assertEquals(Set.of(), list(tmp));
    }
  }

  @Test
  void ensure_everyMirrorFails_showsEachFailureOnce_thenOneLineOnHowToDoWithout()
      throws IOException {
    URI refused = URI.create("http://127.0.0.1:" + unusedPort() + "/");
    DataSource source = source(List.of(base("missing"), refused, base("corrupt")));
    Path cache = tmp.resolve("cache/handwritten/fake");
    var e = assertThrows(IOException.class, () -> downloader().ensure(cache, source));

    assertEquals(
        "Downloader: every mirror failed for large.bin of Fake (3 tried, each shown above with"
            + " why); no network? download large.bin, small.bin from "
            + base("missing")
            + " or another mirror into a folder yourself, and pass --data FOLDER",
        e.getMessage());
    List<String> failures = notes.stream().filter(n -> !n.startsWith("downloading ")).toList();
    assertEquals(3, failures.size(), notes.toString());
    assertEquals(url("missing", "large.bin") + ": HTTP 404", failures.get(0));
    assertTrue(failures.get(1).startsWith(refused + "large.bin: cannot connect"), failures.get(1));
    assertTrue(
        failures.get(2).startsWith(url("corrupt", "large.bin") + ": SHA-256 "), failures.get(2));
    assertEquals(3, e.getSuppressed().length, "each mirror's failure, for code that wants them");
    assertFalse(Files.exists(tmp.resolve("cache")), "the folders made to download into are gone");
  }

  @Test
  void verify_acceptsTheRealMnistFiles() throws IOException {
    Path dir = TestData.mnistDir();
    assertEquals(dir, Downloader.verify(dir, MnistFiles.MNIST));
  }

  @Test
  void verify_listsEveryMissingOrDifferentFile() throws IOException {
    Files.write(tmp.resolve("small.bin"), "abd".getBytes());
    var e = assertThrows(IOException.class, () -> Downloader.verify(tmp, source("good")));
    assertEquals(
        "Downloader: expected the Fake files in "
            + tmp
            + ", got 2 that do not verify:\n"
            + "  large.bin: missing\n"
            + "  small.bin: SHA-256 "
            + TestData.sha256("abd".getBytes())
            + ", expected "
            + SMALL_SHA256
            + "\nis this a Fake folder? delete the files listed to download them again",
        e.getMessage());
  }

  @Test
  void lines_reportsEveryTenthOfAFile() {
    List<String> out = new ArrayList<>();
    Downloader.Listener lines = Downloader.Listener.lines(out::add);
    for (long bytes = 0; bytes <= 2_000_000; bytes += 50_000) {
      lines.progress("f", bytes, 2_000_000);
    }
    assertEquals(11, out.size(), out.toString());
    assertEquals("f: 0.0 of 2.0 MB (0%)", out.getFirst());
    assertEquals("f: 0.2 of 2.0 MB (10%)", out.get(1));
    assertEquals("f: 2.0 of 2.0 MB (100%)", out.getLast());
  }

  @Test
  void lines_withoutATotal_reportsEvery4Mb() {
    List<String> out = new ArrayList<>();
    Downloader.Listener lines = Downloader.Listener.lines(out::add);
    for (long bytes = 0; bytes <= 9_000_000; bytes += 1_000_000) {
      lines.progress("f", bytes, -1);
    }
    assertEquals(List.of("f: 0.0 MB", "f: 4.0 MB", "f: 8.0 MB"), out);
  }

  /** Each mirror's failure, which the exception carries as suppressed exceptions. */
  private static String reasons(Exception e) {
    return String.join("\n", Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList());
  }

  private Downloader downloader() {
    return new Downloader(listener());
  }

  private Downloader.Listener listener() {
    return new Downloader.Listener() {
      @Override
      public void progress(String file, long bytes, long totalBytes) {
        progress.add(new long[] {bytes, totalBytes});
      }

      @Override
      public void note(String line) {
        notes.add(line);
      }
    };
  }

  private DataSource source(String... folders) {
    return source(Arrays.stream(folders).map(this::base).toList());
  }

  private static DataSource source(List<URI> mirrors) {
    return new DataSource(
        "Fake", mirrors, Map.of("small.bin", SMALL_SHA256, "large.bin", TestData.sha256(LARGE)));
  }

  private URI base(String folder) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
  }

  private URI url(String folder, String file) {
    return base(folder).resolve(file);
  }

  private byte[] content(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    requests.merge(path, 1, Integer::sum);
    return path.endsWith("/small.bin") ? SMALL : LARGE;
  }

  private static void send(HttpExchange ex, byte[] body) throws IOException {
    send(ex, 200, body);
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** A port nothing listens on: bound once by the OS, then released. */
  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Set<String> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SplittableRandom(1).nextBytes(bytes);
    return bytes;
  }
}
