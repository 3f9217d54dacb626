package dev.handwritten.mnist.serve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.mnist.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Fuzzes the body of {@code POST /api/predict} as the server handles it, short of the socket (the
 * JDK's HTTP server parses the request line and headers): the bytes are taken as the JSON form
 * ({@code {"image": 28 rows of 28 values}}) and as a picture upload, answered, and the answer
 * written as JSON. Every body must be answered, or refused with an {@link ApiError} of a 4xx status
 * and a message, the error the client sees; anything else would be a 500. Seeds: {@code
 * ApiRequestFuzzTestInputs/predict/} in the test resources.
 */
class ApiRequestFuzzTest {
  private static final Answers ANSWERS = answers();

  @FuzzTest(maxDuration = "30s")
  void predict(byte[] body) throws IOException {
    answered(() -> Requests.image(body, "fuzz.json"));
    answered(() -> new Requests.Picture("fuzz.bin", body));
  }

  /** What the handler does with one parsed body, with the server's rule for its errors. */
  private static void answered(BodyParser parser) throws IOException {
    try {
      Json.LINES.writeValueAsString(ANSWERS.predict(parser.parse()));
    } catch (ApiError e) {
      if (e.status() < 400
          || e.status() > 499
          || e.getMessage() == null
          || e.getMessage().isBlank()) {
        throw new AssertionError("not a client error with a message: " + e.status() + " " + e, e);
      }
    }
  }

  @FunctionalInterface
  private interface BodyParser {
    Requests.Body parse() throws ApiError;
  }

  private static Answers answers() {
    try {
      return new Answers(Recognizer.bundled(), 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
