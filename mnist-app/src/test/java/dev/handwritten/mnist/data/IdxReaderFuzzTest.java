package dev.handwritten.mnist.data;

import static dev.handwritten.mnist.Fuzzing.onlyDocumentedFailures;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes the IDX reader with any bytes, raw or gzip, read both as images and as labels: it must
 * read them or refuse them with its one-line {@code IOException}. Seeds: {@code
 * IdxReaderFuzzTestInputs/read/} in the test resources.
 */
class IdxReaderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void read(byte[] file) {
    onlyDocumentedFailures(
        () -> IdxReader.readImages("fuzz.idx", new ByteArrayInputStream(file), file.length));
    onlyDocumentedFailures(
        () -> IdxReader.readLabels("fuzz.idx", new ByteArrayInputStream(file), file.length));
  }
}
