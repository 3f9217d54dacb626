package dev.handwritten.mnist.serve;

/**
 * A request the server will not answer as asked: the HTTP status and one line saying why, which the
 * client receives as JSON ({@code {"status": 415, "error": "Unsupported Media Type", "message":
 * "..."}}).
 */
final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  /** The standard reason phrase of the statuses this server sends. */
  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status " + status;
    };
  }
}
