package dev.handwritten.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.cli.Main;
import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.DigitPictures;
import dev.handwritten.mnist.page.PictureReport;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The JSON API, called as any client would: answers in {@code predict --json}'s shape, and every
 * way a request can be wrong answered with its status and a JSON message.
 */
class DigitServerTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));

  @TempDir static Path dir;
  static DigitServer server;
  static final ByteArrayOutputStream log = new ByteArrayOutputStream();
  static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static DataSet test;
  static Path number;
  static String numberTruth;

  @BeforeAll
  static void start() throws IOException {
    test = DataSet.loadTest(MNIST).subset(0, 10);
    List<float[]> digits = new ArrayList<>();
    StringBuilder truth = new StringBuilder();
    for (int i = 4; i < 7; i++) {
      digits.add(image(i));
      truth.append(test.labels()[i]);
    }
    numberTruth = truth.toString();
    number = dir.resolve("number.png");
    ImageIO.write(DigitPictures.number(digits, 4, 7), "png", number.toFile());
    server =
        DigitServer.start(
            Recognizer.bundled(),
            "127.0.0.1",
            0,
            new Limits(200_000, 2_000_000, Duration.ofSeconds(30), 8),
            new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static float[] image(int i) {
    return Arrays.copyOfRange(test.images().data(), i * 784, (i + 1) * 784);
  }

  /** {@code {"image": [[...28 values], ...28 rows]}}. */
  static String imageJson(float[] pixels) {
    StringBuilder json = new StringBuilder("{\"image\":[");
    for (int y = 0; y < 28; y++) {
      json.append(y == 0 ? "[" : ",[");
      for (int x = 0; x < 28; x++) {
        json.append(x == 0 ? "" : ",").append(pixels[y * 28 + x]);
      }
      json.append(']');
    }
    return json.append("]}").toString();
  }

  static HttpResponse<String> post(DigitServer on, String path, String type, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(on.url().resolve(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String type, byte[] body)
      throws IOException, InterruptedException {
    return post(server, path, type, body);
  }

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(server.url().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Checks an error answer: its status, JSON with that status and a message; returns it. */
  static String error(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonNode json = Json.LINES.readTree(response.body());
    assertEquals(status, json.get("status").asInt());
    assertEquals(ApiError.reason(status), json.get("error").asString());
    String message = json.get("message").asString();
    assertFalse(message.isBlank());
    assertFalse(response.body().contains("\tat "), "no stack trace: " + response.body());
    return message;
  }

  // ---- answers ----

  @Test
  void page_isOneSelfContainedHtmlFile() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").get());
    assertTrue(page.body().contains("<canvas id=\"pad\""));
    // Nothing fetched from elsewhere: no script, style, font or picture from another address.
    for (String external : List.of("src=\"http", "href=\"http", "url(http", "@import", "//cdn")) {
      assertFalse(page.body().contains(external), external);
    }
  }

  @Test
  void healthz_andModel_describeTheServer() throws Exception {
    HttpResponse<String> health = get("/healthz");
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"ok\",\"in_flight\":0}", health.body());

    JsonNode model = Json.LINES.readTree(get("/api/model").body());
    assertEquals("bundled model (/models/default.hwnn)", model.get("description").asString());
    assertEquals("accurate", model.get("models").get(0).get("preset").asString());
    assertEquals("[1,28,28]", model.get("input").toString());
    assertEquals(10, model.get("classes").asInt());
    assertEquals("Dense(1152->10)", model.get("layers").get(15).asString());
    assertEquals(200_000, model.get("limits").get("max_body_bytes").asLong());
    assertEquals(8, model.get("limits").get("max_in_flight").asInt());
  }

  @Test
  void predict_jsonImage_isOneDigit_inPredictJsonsShape() throws Exception {
    HttpResponse<String> response =
        post("/api/predict", "application/json", imageJson(image(0)).getBytes());
    assertEquals(200, response.statusCode(), response.body());
    PictureReport report = Json.LINES.readValue(response.body(), PictureReport.class);
    assertEquals("image", report.file());
    assertEquals(28, report.width());
    assertEquals("7", report.number());
    assertEquals(1, report.digits().size());
    PictureReport.DigitReport seven = report.digits().getFirst();
    assertEquals(7, seven.digit());
    assertEquals(10, seven.probabilities().length);
    assertEquals(Recognizer.bundled().recognize(image(0)).probability(), seven.probability(), 1e-6);
    // The box is around the ink.
    assertTrue(seven.box()[0] > 0 && seven.box()[0] + seven.box()[2] < 28, seven.box().toString());
    assertEquals(List.of(), report.rejected());
  }

  @Test
  void predict_aPhotoOfALetter_isRejected_notReadAsADigit() throws Exception {
    java.awt.image.BufferedImage picture =
        new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = picture.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 200, 200);
    g.setColor(java.awt.Color.BLACK);
    g.setRenderingHint(
        java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setFont(dev.handwritten.mnist.TestFonts.dejaVuSans(120));
    g.drawString("K", 60, 145);
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(picture, "png", png);

    HttpResponse<String> response = post("/api/predict", "image/png", png.toByteArray());

    assertEquals(200, response.statusCode(), response.body());
    PictureReport report = Json.LINES.readValue(response.body(), PictureReport.class);
    assertEquals("", report.number());
    assertEquals(List.of(), report.digits());
    assertEquals(1, report.rejected().size(), response.body());
    assertEquals(
        "not a digit (looks like a letter or symbol)", report.rejected().getFirst().reason());
  }

  @Test
  void predict_blankImage_isNoDigit_notAConfidentGuess() throws Exception {
    HttpResponse<String> response =
        post("/api/predict", "application/json", imageJson(new float[784]).getBytes());
    assertEquals(200, response.statusCode());
    PictureReport report = Json.LINES.readValue(response.body(), PictureReport.class);
    assertEquals("", report.number());
    assertEquals(List.of(), report.digits());
  }

  @Test
  void predict_picture_answersExactlyAsPredictJsonDoes() throws Exception {
    HttpResponse<String> response =
        post("/api/predict?name=number.png", "image/png", Files.readAllBytes(number));
    assertEquals(200, response.statusCode(), response.body());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"predict", "--json", number.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, status);
    String cli = out.toString(StandardCharsets.UTF_8).strip();
    // The same line, but for the name the picture was given.
    assertEquals(cli.replace(number.toString(), "number.png"), response.body());
    assertEquals(numberTruth, Json.LINES.readValue(response.body(), PictureReport.class).number());
  }

  @Test
  void explain_givesTheInputSeen_featureMaps_andSaliency_perDigit() throws Exception {
    HttpResponse<String> response = post("/api/explain", "image/png", Files.readAllBytes(number));
    assertEquals(200, response.statusCode(), response.body());
    JsonNode json = Json.LINES.readTree(response.body());
    assertEquals(numberTruth, json.get("report").get("number").asString());
    JsonNode explained = json.get("explained");
    assertEquals(3, explained.size());
    JsonNode first = explained.get(0);
    assertEquals(numberTruth.charAt(0) - '0', first.get("digit").asInt());
    assertEquals(784, first.get("input").size());
    assertEquals(784, first.get("saliency").size());
    assertEquals(784, first.get("smooth_saliency").size());
    JsonNode maps = first.get("feature_maps");
    assertEquals(3, maps.size());
    assertEquals(32, maps.get(0).get("channels").asInt());
    assertEquals(32 * 28 * 28, maps.get(0).get("values").size());
    assertEquals(128 * 7 * 7, maps.get(2).get("values").size());

    JsonNode second =
        Json.LINES.readTree(
            post("/api/explain?digit=1", "image/png", Files.readAllBytes(number)).body());
    assertEquals(1, second.get("explained").size());
    assertEquals(numberTruth.charAt(1) - '0', second.get("explained").get(0).get("digit").asInt());
  }

  // ---- every way a request can be wrong ----

  @Test
  void status400_forBodiesThatAreNotWhatTheySay() throws Exception {
    assertTrue(
        error(post("/api/predict", "application/json", "{\"image\": [1, 2".getBytes()), 400)
            .startsWith("malformed JSON"));
    assertEquals(
        "\"image\": expected 28 rows of 28 values, got an array of 27 values",
        error(
            post(
                "/api/predict",
                "application/json",
                imageJson(image(0)).replaceFirst("\\[\\[[^]]*],", "[").getBytes()),
            400));
    float[] bytes = image(0);
    bytes[3 * 28 + 4] = 255;
    assertEquals(
        "\"image\"[3][4]: expected a value in [0, 1] (paper 0, ink 1), got 255.0; divide 0-255"
            + " pixels by 255",
        error(post("/api/predict", "application/json", imageJson(bytes).getBytes()), 400));
    assertTrue(
        error(post("/api/predict", "application/json", "[1, 2]".getBytes()), 400)
            .startsWith("expected a JSON object {\"image\""));
    assertEquals(
        "upload: not a picture this app can read (PNG, JPEG, GIF, BMP or WebP)",
        error(post("/api/predict", "image/png", "not a picture".getBytes()), 400));
    byte[] png = Files.readAllBytes(number);
    assertTrue(
        error(post("/api/predict", "image/png", Arrays.copyOf(png, png.length / 2)), 400)
            .startsWith("upload: "));
    assertEquals(
        "empty request body: send a picture or a JSON image",
        error(post("/api/predict", "image/png", new byte[0]), 400));
    assertEquals(
        "digit=7: upload has 3 digits, counted from 0",
        error(post("/api/explain?digit=7", "image/png", png), 400));
  }

  @Test
  void status404_forWhatIsNotThere() throws Exception {
    assertTrue(error(get("/nothing-here"), 404).startsWith("no such page or API: /nothing-here"));
  }

  @Test
  void status405_forTheWrongMethod_sayingTheRightOne() throws Exception {
    HttpResponse<String> response = get("/api/predict");
    assertEquals("GET /api/predict: use POST /api/predict", error(response, 405));
    assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    assertEquals(
        "POST /healthz: use GET /healthz", error(post("/healthz", "image/png", new byte[1]), 405));
  }

  @Test
  void status413_forABodyOrAPictureOverTheLimits() throws Exception {
    String body = error(post("/api/predict", "image/png", new byte[300_000]), 413);
    assertTrue(
        body.startsWith("request body of 300000 bytes is over the limit of 200000 bytes"), body);

    // 2,000 x 1,100 pixels, 2.2 megapixels: over the limit of 2, refused from its header.
    var wide =
        new java.awt.image.BufferedImage(2000, 1100, java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(wide, "png", png);
    assertTrue(png.size() < 200_000);
    String pixels = error(post("/api/predict", "image/png", png.toByteArray()), 413);
    assertTrue(pixels.contains("2.2 megapixels) is over the limit of 2 megapixels"), pixels);
  }

  @Test
  void status413_forAChunkedBodyThatGrowsPastTheLimit() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.url().resolve("/api/predict"))
            .header("Content-Type", "image/png")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(new byte[250_000])))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertTrue(error(response, 413).startsWith("request body of more than 200000 bytes"));
  }

  @Test
  void status415_forAnythingButAPictureOrJson() throws Exception {
    assertTrue(
        error(post("/api/predict", "text/plain", "7".getBytes()), 415)
            .startsWith("Content-Type text/plain: send a picture"));
    assertTrue(
        error(post("/api/explain", null, new byte[10]), 415).startsWith("no Content-Type: send"));
  }

  /** A server whose model runs {@code layer} first: to block or break it on purpose. */
  static DigitServer serverWith(Gate.Action action, Limits limits, ByteArrayOutputStream into)
      throws IOException {
    return DigitServer.start(
        Recognizer.inPlace(List.of(Gate.model(action))),
        "127.0.0.1",
        0,
        limits,
        new PrintStream(into, true, StandardCharsets.UTF_8));
  }

  @Test
  void status429_beyondTheRequestsInFlight_andServedAgainOnceThereIsRoom() throws Exception {
    Gate.Action hold = Gate.hold();
    try (DigitServer busy =
        serverWith(hold, new Limits(200_000, 2_000_000, Duration.ofSeconds(30), 1), log)) {
      var first =
          client.sendAsync(
              HttpRequest.newBuilder(busy.url().resolve("/api/predict"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(imageJson(image(0))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      hold.awaitEntered();
      HttpResponse<String> second =
          post(busy, "/api/predict", "application/json", imageJson(image(1)).getBytes());
      assertTrue(error(second, 429).startsWith("busy: 1 requests are in flight"));
      assertEquals("1", second.headers().firstValue("Retry-After").orElseThrow());
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(busy.url().resolve("/healthz")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals("{\"status\":\"ok\",\"in_flight\":1}", health.body());

      hold.release();
      assertEquals(200, first.get().statusCode());
      assertEquals(
          200,
          post(busy, "/api/predict", "application/json", imageJson(image(1)).getBytes())
              .statusCode());
    }
  }

  @Test
  void status503_pastTheTimeLimit_whileTheWorkStillHoldsItsPlace() throws Exception {
    Gate.Action hold = Gate.hold();
    try (DigitServer slow =
        serverWith(hold, new Limits(200_000, 2_000_000, Duration.ofMillis(300), 1), log)) {
      HttpResponse<String> late =
          post(slow, "/api/predict", "application/json", imageJson(image(0)).getBytes());
      assertTrue(
          error(late, 503).startsWith("the answer took longer than this server's time limit"));
      // The work has not ended: its place is still taken.
      error(post(slow, "/api/predict", "application/json", imageJson(image(0)).getBytes()), 429);
      hold.release();
      // Its place is free again once the work has ended, however late.
      HttpResponse<String> again;
      long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      do {
        again = post(slow, "/api/predict", "application/json", imageJson(image(0)).getBytes());
      } while (again.statusCode() == 429 && System.nanoTime() < giveUp);
      assertEquals(200, again.statusCode(), again.body());
    }
  }

  @Test
  void status500_forAFailureNobodyExpected_withTheTraceInTheLogOnly() throws Exception {
    ByteArrayOutputStream failures = new ByteArrayOutputStream();
    try (DigitServer broken = serverWith(Gate.fail(), Limits.DEFAULT, failures)) {
      HttpResponse<String> response =
          post(broken, "/api/predict", "application/json", imageJson(image(0)).getBytes());
      assertEquals(
          "internal error (IllegalStateException); the server's log has the details",
          error(response, 500));
    }
    String logged = failures.toString(StandardCharsets.UTF_8);
    assertTrue(
        logged.startsWith(
            "mnist serve: internal error on POST /api/predict: java.lang.IllegalStateException:"
                + " broken on purpose"),
        logged);
    assertTrue(logged.contains("\tat "), "the log has the trace");
  }

  @Test
  void close_finishesTheRequestInFlight_thenRefusesConnections() throws Exception {
    Gate.Action hold = Gate.hold();
    DigitServer closing = serverWith(hold, Limits.DEFAULT, log);
    URI url = closing.url();
    var inFlight =
        client.sendAsync(
            HttpRequest.newBuilder(url.resolve("/api/predict"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(imageJson(image(0))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    hold.awaitEntered();
    Thread closer = Thread.ofPlatform().start(closing::close);
    Thread.sleep(200);
    hold.release();
    assertEquals(200, inFlight.get().statusCode());
    closer.join();
    assertThrows(
        ConnectException.class,
        () ->
            client.send(
                HttpRequest.newBuilder(url.resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void start_refusesAModelThatDoesNotTakePictures() {
    Recognizer flat = Recognizer.inPlace(List.of(Gate.flatModel()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DigitServer.start(flat, "127.0.0.1", 0, Limits.DEFAULT, System.err));
    assertEquals(
        "serve: expected a model of 28 x 28 pictures, [1, 28, 28], got one of [784]",
        e.getMessage());
  }

  @Test
  void limits_refuseNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, Duration.ofSeconds(1), 1));
    assertThrows(IllegalArgumentException.class, () -> new Limits(1, 1, Duration.ZERO, 1));
  }
}
