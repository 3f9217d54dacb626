package dev.handwritten.mnist.page;

import static dev.handwritten.mnist.Fuzzing.onlyDocumentedFailures;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Fuzzes what {@code predict} does with a file from outside: any bytes are decoded as a picture
 * (PNG, JPEG, GIF, BMP, WebP, each with its own decoder, and EXIF read by metadata-extractor) and,
 * when they decode, read by the whole page reader. Decoding may refuse the bytes with its one-line
 * {@code IOException}; once decoded, reading must never fail. The pixel limit is kept small (one
 * megapixel) so that the fuzzer spends its time on the formats, not on big pictures. Seeds: {@code
 * PictureReadingFuzzTestInputs/read/} in the test resources, a small picture in each format.
 */
class PictureReadingFuzzTest {
  private static final PageReader READER = reader();

  @FuzzTest(maxDuration = "30s")
  void read(byte[] file) {
    onlyDocumentedFailures(
        () -> {
          PictureDecoder.Picture picture = PictureDecoder.decode(file, "fuzz.bin", 1_000_000);
          PageReading reading = READER.read(picture);
          PictureReport.of("fuzz.bin", reading);
        });
  }

  private static PageReader reader() {
    try {
      return new PageReader(Recognizer.bundled());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
