package dev.handwritten.mnist.cli;

/** A command line that cannot be run as written: the app prints the message and exits with 2. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
