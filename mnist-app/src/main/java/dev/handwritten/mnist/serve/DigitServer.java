package dev.handwritten.mnist.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Json;
import dev.handwritten.tensor.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recognizer over HTTP: the drawing page and the JSON API, on the JDK's own server.
 *
 * <pre>{@code
 * try (DigitServer server = DigitServer.start(Recognizer.bundled(), "127.0.0.1", 8080, Limits.DEFAULT, System.err)) {
 *   System.out.println(server.url());     // http://127.0.0.1:8080/
 *   ...                                   // until close(): Ctrl-C in mnist serve
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><td>{@code GET /}</td><td>the page: draw, upload, look inside</td></tr>
 *   <tr><td>{@code POST /api/predict}</td><td>a picture, or {@code {"image": 28 x 28}}: the
 *       reading in {@code predict --json}'s shape</td></tr>
 *   <tr><td>{@code POST /api/explain}</td><td>the same bodies: the reading, feature maps and
 *       saliency</td></tr>
 *   <tr><td>{@code GET /api/model}</td><td>the model and the limits</td></tr>
 *   <tr><td>{@code GET /healthz}</td><td>{@code {"status": "ok", "in_flight": 0}}: up, and how
 *       many API requests it holds</td></tr>
 * </table>
 *
 * <p>Every error is JSON, {@code {"status": 413, "error": "Content Too Large", "message": "..."}},
 * never a stack trace; an unexpected failure is a 500 whose trace goes to the server's log.
 */
public final class DigitServer implements AutoCloseable {
  /* Design notes. Admission is a semaphore tried without waiting: a request beyond maxInFlight is
   * answered 429 at once, so nothing ever queues without bound. An admitted request's work goes
   * to a pool of one thread per core, in arrival order, and the handler waits for it until the
   * time limit; past it, the client gets a 503 at once, while work already under way (which
   * cannot be stopped halfway through a forward pass) runs to its end still holding its permit,
   * and work not yet started is skipped. Running no more than a core's worth of work at once is
   * what bounds memory: reading a 12-megapixel photo takes about 100 MB of heap (it fails alone
   * in -Xmx96m and passes in 128m), so 64 read at once would take 6 GB; waiting requests hold
   * only their bodies (maxInFlight times maxBodyBytes at most). Handlers run on virtual threads (they only wait: for the body, for the work), the work
   * on platform threads, so that CPU-bound work can never starve the handlers of the carrier
   * threads they need to answer 429 or 503. */

  /** Seconds the server waits for exchanges in flight when it stops. */
  static final int STOP_GRACE_SECONDS = 2;

  private final HttpServer http;
  private final Answers answers;
  private final Limits limits;
  private final PrintStream log;
  private final Semaphore inFlight;
  private final ExecutorService handlers;
  private final ExecutorService workers;
  private final byte[] page;
  private final byte[] model;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DigitServer(
      HttpServer http, Recognizer recognizer, Limits limits, PrintStream log, byte[] page) {
    this.http = http;
    this.answers = new Answers(recognizer, limits.maxPixels());
    this.limits = limits;
    this.log = log;
    this.inFlight = new Semaphore(limits.maxInFlight());
    this.handlers = Executors.newVirtualThreadPerTaskExecutor();
    AtomicInteger count = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            work -> {
              Thread t = new Thread(work, "mnist-serve-worker-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.page = page;
    this.model = Json.LINES.writeValueAsBytes(answers.model(limits));
  }

  /**
   * Starts a server on {@code host:port}; port 0 takes a free one.
   *
   * @param log where unexpected failures are described, with their traces
   * @throws IOException if the address cannot be bound (the port is taken, the host is not this
   *     machine's)
   * @throws IllegalArgumentException if the models do not take 28 x 28 pictures
   */
  public static DigitServer start(
      Recognizer recognizer, String host, int port, Limits limits, PrintStream log)
      throws IOException {
    Shape pictures = Shape.of(1, Requests.SIDE, Requests.SIDE);
    if (!recognizer.sampleShape().equals(pictures)) {
      throw new IllegalArgumentException(
          "serve: expected a model of 28 x 28 pictures, "
              + pictures
              + ", got one of "
              + recognizer.sampleShape());
    }
    configureJdkServer(limits);
    byte[] page;
    try (InputStream in = DigitServer.class.getResourceAsStream("index.html")) {
      if (in == null) {
        throw new IOException("serve: this build has no page (index.html is missing)");
      }
      page = in.readAllBytes();
    }
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
    DigitServer server = new DigitServer(http, recognizer, limits, log, page);
    http.createContext("/", server::handleOnHandlerThread);
    http.setExecutor(server.handlers);
    http.start();
    return server;
  }

  /**
   * The JDK server's own settings, which it reads once, from system properties: a request still
   * arriving, or an answer still leaving, after the time limit has its connection closed, so a slow
   * client cannot hold a slot forever. Settings given on the command line win.
   */
  private static void configureJdkServer(Limits limits) {
    long seconds = Math.max(1, (limits.timeLimit().toMillis() + 999) / 1000);
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(seconds));
    System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", Long.toString(seconds));
  }

  /** Where the page is, e.g. {@code http://127.0.0.1:8080/}. */
  public URI url() {
    InetSocketAddress address = http.getAddress();
    String host = address.getHostString();
    host = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** The port it listens on (the one chosen, when it was started on port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Stops taking requests, lets those in flight finish for a moment, and frees the threads. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.stop(STOP_GRACE_SECONDS);
      handlers.shutdownNow();
      workers.shutdownNow();
    }
  }

  private void handleOnHandlerThread(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (IOException | UncheckedIOException e) {
      // The client went away mid-exchange: nobody is left to answer.
    } catch (RuntimeException | Error e) {
      failed(exchange, e);
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    Map<String, String> allowed =
        Map.of(
            "/", "GET",
            "/index.html", "GET",
            "/healthz", "GET",
            "/api/model", "GET",
            "/api/predict", "POST",
            "/api/explain", "POST");
    String allow = allowed.get(path);
    if (allow == null) {
      Responses.error(
          exchange,
          new ApiError(
              404,
              "no such page or API: "
                  + path
                  + "; the API is POST /api/predict, POST /api/explain, GET /api/model, GET"
                  + " /healthz"));
      return;
    }
    if (!allow.equals(method) && !(allow.equals("GET") && method.equals("HEAD"))) {
      exchange.getResponseHeaders().set("Allow", allow.equals("GET") ? "GET, HEAD" : allow);
      Responses.error(
          exchange, new ApiError(405, method + " " + path + ": use " + allow + " " + path));
      return;
    }
    switch (path) {
      case "/", "/index.html" -> Responses.send(exchange, 200, "text/html; charset=utf-8", page);
      case "/healthz" ->
          Responses.send(
              exchange,
              200,
              Responses.JSON,
              ("{\"status\":\"ok\",\"in_flight\":"
                      + (limits.maxInFlight() - inFlight.availablePermits())
                      + "}")
                  .getBytes(StandardCharsets.UTF_8));
      case "/api/model" -> Responses.send(exchange, 200, Responses.JSON, model);
      default -> admit(exchange, path.equals("/api/explain"));
    }
  }

  /** A POST to the API: admitted if there is room, then read and answered within the limits. */
  private void admit(HttpExchange exchange, boolean explain) throws IOException {
    long deadline = System.nanoTime() + limits.timeLimit().toNanos();
    if (!inFlight.tryAcquire()) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      Responses.error(
          exchange,
          new ApiError(
              429,
              "busy: "
                  + limits.maxInFlight()
                  + " requests are in flight, the most this server takes at once; try again in"
                  + " a moment"));
      return;
    }
    boolean handedOver = false; // to the work, which then releases the permit when it ends
    try {
      Integer digit = explain ? Requests.digitIndex(exchange) : null;
      Requests.Body body = Requests.read(exchange, limits.maxBodyBytes());
      Future<Object> work =
          workers.submit(
              () -> {
                try {
                  if (System.nanoTime() - deadline > 0) {
                    return null; // its client has had its 503 already
                  }
                  return explain ? answers.explain(body, digit) : answers.predict(body);
                } finally {
                  inFlight.release();
                }
              });
      handedOver = true;
      Object answer = await(work, deadline);
      Responses.send(exchange, 200, Responses.JSON, Json.LINES.writeValueAsBytes(answer));
    } catch (ApiError e) {
      Responses.error(exchange, e);
    } finally {
      if (!handedOver) {
        inFlight.release();
      }
    }
  }

  /** The work's answer, or the ApiError it threw, or a 503 once the deadline has passed. */
  private static Object await(Future<Object> work, long deadline) throws ApiError {
    try {
      return work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new ApiError(
          503,
          "the answer took longer than this server's time limit; try a smaller picture, or again"
              + " when it is less busy");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "the server is stopping");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiError api) {
        throw api;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A 500 for a failure nobody expected: its trace in the log, a plain message to the client. */
  private void failed(HttpExchange exchange, Throwable e) {
    synchronized (log) {
      log.println(
          "mnist serve: internal error on "
              + exchange.getRequestMethod()
              + " "
              + exchange.getRequestURI().getPath()
              + ": "
              + e);
      e.printStackTrace(log);
    }
    try {
      Responses.error(
          exchange,
          new ApiError(
              500,
              "internal error ("
                  + e.getClass().getSimpleName()
                  + "); the server's log has the details"));
    } catch (IOException | RuntimeException ignored) {
      // The answer may have been under way already; the log has it.
    }
  }
}
