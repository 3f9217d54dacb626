package dev.handwritten.mnist.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.handwritten.mnist.report.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a POST to the API carries, read within the limits: a picture's bytes, or JSON with one
 * prepared 28 x 28 image. Every way a body can be wrong is an {@link ApiError} with its status.
 */
final class Requests {
  /** The picture types taken as they are; the decoder then reads what the bytes really are. */
  static final Set<String> PICTURE_TYPES =
      Set.of(
          "image/png",
          "image/jpeg",
          "image/jpg",
          "image/gif",
          "image/bmp",
          "image/webp",
          "application/octet-stream");

  static final String JSON_TYPE = "application/json";

  /** The side of the image a JSON body holds. */
  static final int SIDE = 28;

  /**
   * A value at or above this much ink makes a JSON image more than blank paper: a fifth of full
   * strength, what {@link dev.handwritten.mnist.data.DigitImage} counts as paper below.
   */
  static final float INK = 0.2f;

  private Requests() {}

  /** A request body: a picture's bytes or one prepared image, and the name answers give it. */
  sealed interface Body permits Picture, Image {
    String name();
  }

  /** A picture file's bytes, for the page reader. */
  record Picture(String name, byte[] bytes) implements Body {}

  /** One image already prepared like MNIST: 784 values in [0, 1], ink high, row by row. */
  record Image(String name, float[] pixels) implements Body {}

  /** Reads and checks the body of a POST: its type, its size, and what it holds. */
  static Body read(HttpExchange exchange, long maxBytes) throws ApiError, IOException {
    String type = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
    boolean json = type.equals(JSON_TYPE);
    if (!json && !PICTURE_TYPES.contains(type)) {
      throw new ApiError(
          415,
          (type.isEmpty() ? "no Content-Type" : "Content-Type " + type)
              + ": send a picture (image/png, image/jpeg, image/gif, image/bmp, image/webp) or"
              + " application/json with {\"image\": 28 rows of 28 values in [0, 1]}");
    }
    byte[] bytes = bytes(exchange, maxBytes);
    if (bytes.length == 0) {
      throw new ApiError(400, "empty request body: send a picture or a JSON image");
    }
    String name = query(exchange, "name");
    if (json) {
      return image(bytes, name == null ? "image" : name);
    }
    return new Picture(name == null ? "upload" : name, bytes);
  }

  /** {@code image/png} of {@code image/PNG; charset=...}; empty when there is none. */
  static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The body, refusing one over {@code maxBytes} before reading it when its length is declared. */
  private static byte[] bytes(HttpExchange exchange, long maxBytes) throws ApiError, IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new ApiError(400, "Content-Length " + declared + " is not a number");
      }
      if (length > maxBytes) {
        throw tooLarge(length + " bytes", maxBytes);
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
      }
      return bytes;
    }
  }

  private static ApiError tooLarge(String size, long maxBytes) {
    return new ApiError(
        413,
        "request body of "
            + size
            + " is over the limit of "
            + maxBytes
            + " bytes; send a smaller picture (the page scales photos down before sending)");
  }

  /** The query parameter {@code digit}, which /api/explain takes: an index, or null. */
  static Integer digitIndex(HttpExchange exchange) throws ApiError {
    String value = query(exchange, "digit");
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "digit=" + value + ": expected the index of a digit read, from 0");
    }
  }

  /** A query parameter's decoded value, or null. */
  static String query(HttpExchange exchange, String key) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(key)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * {@code {"image": [[28 values], ... 28 rows]}}, values in [0, 1] with ink high, and optionally
   * {@code "name"}.
   */
  static Image image(byte[] json, String defaultName) throws ApiError {
    JsonNode root;
    try {
      root = Json.LINES.readTree(json);
    } catch (JacksonException e) {
      throw new ApiError(400, "malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.has("image")) {
      throw new ApiError(
          400,
          "expected a JSON object {\"image\": 28 rows of 28 values in [0, 1]}, got " + kind(root));
    }
    JsonNode name = root.get("name");
    JsonNode rows = root.get("image");
    if (!rows.isArray() || rows.size() != SIDE) {
      throw new ApiError(400, "\"image\": expected 28 rows of 28 values, got " + kind(rows));
    }
    float[] pixels = new float[SIDE * SIDE];
    for (int y = 0; y < SIDE; y++) {
      JsonNode row = rows.get(y);
      if (!row.isArray() || row.size() != SIDE) {
        throw new ApiError(400, "\"image\" row " + y + ": expected 28 values, got " + kind(row));
      }
      for (int x = 0; x < SIDE; x++) {
        JsonNode value = row.get(x);
        if (!value.isNumber()) {
          throw new ApiError(
              400, "\"image\"[" + y + "][" + x + "]: expected a number in [0, 1], got " + value);
        }
        double v = value.asDouble();
        if (!(v >= 0 && v <= 1)) {
          throw new ApiError(
              400,
              "\"image\"["
                  + y
                  + "]["
                  + x
                  + "]: expected a value in [0, 1] (paper 0, ink 1), got "
                  + value
                  + (v > 1 && v <= 255 ? "; divide 0-255 pixels by 255" : ""));
        }
        pixels[y * SIDE + x] = (float) v;
      }
    }
    return new Image(name != null && name.isString() ? name.asString() : defaultName, pixels);
  }

  /** What a JSON value is, for messages: {@code an array of 27 values}, {@code a string}. */
  private static String kind(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isArray()) {
      return "an array of " + node.size() + (node.size() == 1 ? " value" : " values");
    }
    if (node.isObject()) {
      return "an object with " + node.propertyNames();
    }
    return node.isString() ? "a string" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }
}
