package dev.handwritten.mnist;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The fuzz targets' contract can fail: only documented failures with a message pass. */
class FuzzingTest {
  @Test
  void documentedFailuresWithAMessage_pass() {
    Fuzzing.onlyDocumentedFailures(() -> {});
    Fuzzing.onlyDocumentedFailures(
        () -> {
          throw new IOException("IdxReader: x: truncated at byte 3");
        });
    Fuzzing.onlyDocumentedFailures(
        () -> {
          throw new IllegalArgumentException("Shape: expected every dimension >= 1");
        });
  }

  @Test
  void anyOtherException_orOneWithoutAMessage_isACrash() {
    assertThrows(
        NullPointerException.class,
        () ->
            Fuzzing.onlyDocumentedFailures(
                () -> {
                  throw new NullPointerException();
                }));
    assertThrows(
        ArrayIndexOutOfBoundsException.class,
        () ->
            Fuzzing.onlyDocumentedFailures(
                () -> {
                  throw new ArrayIndexOutOfBoundsException(7);
                }));
    assertThrows(
        AssertionError.class,
        () ->
            Fuzzing.onlyDocumentedFailures(
                () -> {
                  throw new IOException();
                }));
  }
}
