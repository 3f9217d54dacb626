package dev.handwritten.mnist.model;

import static dev.handwritten.mnist.Fuzzing.onlyDocumentedFailures;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.handwritten.layers.Mode;
import dev.handwritten.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Fuzzes the model-file loader: any bytes must load or be refused with its one-line {@code
 * IOException}, and a model that loads must run. Seeds: {@code ModelFileFuzzTestInputs/} in the
 * test resources (small models of several architectures).
 */
class ModelFileFuzzTest {
  /** Inputs whose model would take more floats than this per image are loaded but not run. */
  private static final int MAX_SAMPLE = 4096;

  /**
   * Half of the inputs (first byte odd) get a correct length field and checksum before loading: a
   * fuzzer rarely guesses a CRC-32, and without this it would never get past the checksum to the
   * parser behind it.
   */
  @FuzzTest(maxDuration = "30s")
  void load(byte[] input) {
    byte[] file = input.length > 0 && (input[0] & 1) == 1 ? withValidChecksum(input) : input;
    onlyDocumentedFailures(
        () -> {
          ModelFile.Loaded loaded = ModelFile.read(file, "model file fuzz.hwnn");
          if (loaded.architecture().sampleShape().size() <= MAX_SAMPLE) {
            Tensor x = Tensor.zeros(loaded.architecture().sampleShape().batched(2));
            loaded.model().forward(x, Mode.EVAL);
          }
        });
  }

  /**
   * {@code input} with its length field (bytes 12-19) and its last 4 bytes (the CRC) made right.
   */
  private static byte[] withValidChecksum(byte[] input) {
    if (input.length < 24) {
      return input;
    }
    byte[] file = input.clone();
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(12, file.length);
    CRC32 crc = new CRC32();
    crc.update(file, 0, file.length - 4);
    buffer.putInt(file.length - 4, (int) crc.getValue());
    return file;
  }
}
