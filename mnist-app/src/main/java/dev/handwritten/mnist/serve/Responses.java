package dev.handwritten.mnist.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.handwritten.mnist.report.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the server answers: a body with its type and length, or an error as JSON. */
final class Responses {
  static final String JSON = "application/json";

  private Responses() {}

  /** Sends {@code body} (none for a HEAD request) with its type and length. */
  static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** {@code {"status": 413, "error": "Content Too Large", "message": "..."}}. */
  static void error(HttpExchange exchange, ApiError e) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", e.status());
    body.put("error", ApiError.reason(e.status()));
    body.put("message", e.getMessage());
    send(exchange, e.status(), JSON, Json.LINES.writeValueAsBytes(body));
  }
}
