package dev.handwritten.mnist.train;

import static dev.handwritten.mnist.Fuzzing.onlyDocumentedFailures;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Fuzzes the checkpoint loader: any bytes must load or be refused with its one-line {@code
 * IOException}. As for model files, half of the inputs (first byte odd) get a correct length and
 * checksum, so that the fuzzer reaches the sections behind them. Seeds: {@code
 * CheckpointFileFuzzTestInputs/} in the test resources.
 */
class CheckpointFileFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void load(byte[] input) {
    byte[] file = input.length > 0 && (input[0] & 1) == 1 ? withValidChecksum(input) : input;
    onlyDocumentedFailures(() -> CheckpointFile.read(file, "checkpoint fuzz.hwck"));
  }

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
