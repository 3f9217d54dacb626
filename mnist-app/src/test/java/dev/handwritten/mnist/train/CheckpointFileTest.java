package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.model.Presets;
import dev.handwritten.optim.Adam;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file: everything comes back bit for bit, and every damage is named. */
class CheckpointFileTest {
  @TempDir Path dir;

  /** A checkpoint of the reference CNN after 2 of 5 epochs, with early stopping at epoch 1. */
  static Checkpoint sample() {
    var model = Presets.REFERENCE.build(3);
    List<float[]> weights = new ArrayList<>();
    List<float[]> m = new ArrayList<>();
    List<float[]> v = new ArrayList<>();
    model.parameters().forEach(p -> weights.add(p.value().data().clone()));
    for (var p : model.parameters()) {
      float[] first = new float[p.value().size()];
      float[] second = new float[p.value().size()];
      Arrays.fill(first, 0.25f);
      Arrays.fill(second, 1e-6f);
      m.add(first);
      v.add(second);
    }
    List<float[]> best = weights.stream().map(w -> w.clone()).toList();
    best.getFirst()[0] = 42;
    List<float[]> averages = weights.stream().map(w -> w.clone()).toList();
    averages.getLast()[0] = -7;
    TrainingState state =
        new TrainingState(
            2,
            844,
            false,
            0x1234_5678_9abcL,
            0.001,
            weights,
            new Adam.State(844, m, v),
            1,
            0.97,
            best,
            averages,
            List.of(
                new EpochMetrics(1, 10.5, 0.4, 0.88, 0.2, 0.97),
                new EpochMetrics(2, 10.1, 0.1, 0.97, 0.15, 0.96)));
    return new Checkpoint("{\"epochs\":5}", Presets.REFERENCE, state);
  }

  private Path saved() throws IOException {
    Path file = dir.resolve("checkpoint.hwck");
    CheckpointFile.save(file, sample());
    return file;
  }

  @Test
  void saveThenLoad_givesEverythingBackBitForBit() throws IOException {
    Checkpoint expected = sample();
    Checkpoint loaded = CheckpointFile.load(saved());

    assertEquals(expected.settings(), loaded.settings());
    assertEquals(expected.architecture(), loaded.architecture());
    TrainingState e = expected.state();
    TrainingState a = loaded.state();
    assertEquals(
        List.of(e.epoch(), e.step(), e.finished(), e.dataFingerprint(), e.learningRate()),
        List.of(a.epoch(), a.step(), a.finished(), a.dataFingerprint(), a.learningRate()));
    assertEquals(
        List.of(e.bestEpoch(), e.bestAccuracy(), e.history()),
        List.of(a.bestEpoch(), a.bestAccuracy(), a.history()));
    assertEquals(e.optimizer().steps(), a.optimizer().steps());
    for (int i = 0; i < e.weights().size(); i++) {
      assertArrayEquals(e.weights().get(i), a.weights().get(i));
      assertArrayEquals(e.bestWeights().get(i), a.bestWeights().get(i));
      assertArrayEquals(e.averages().get(i), a.averages().get(i));
      assertArrayEquals(e.optimizer().firstMoments().get(i), a.optimizer().firstMoments().get(i));
      assertArrayEquals(e.optimizer().secondMoments().get(i), a.optimizer().secondMoments().get(i));
    }
  }

  @Test
  void aVersion1File_fromBeforeTheAverageSection_stillLoads() throws IOException {
    TrainingState s = sample().state();
    TrainingState withoutAverage =
        new TrainingState(
            s.epoch(),
            s.step(),
            s.finished(),
            s.dataFingerprint(),
            s.learningRate(),
            s.weights(),
            s.optimizer(),
            s.bestEpoch(),
            s.bestAccuracy(),
            s.bestWeights(),
            List.of(),
            s.history());
    byte[] current = CheckpointFile.encode(new Checkpoint("{}", Presets.REFERENCE, withoutAverage));
    // Version 1 is version 2 without the average section's count (0 here), just before the
    // history: u32 count and 44 bytes per epoch, then the checksum.
    int averageCount = current.length - 4 - (4 + 44 * s.history().size()) - 4;
    byte[] old = new byte[current.length - 4];
    System.arraycopy(current, 0, old, 0, averageCount);
    System.arraycopy(
        current, averageCount + 4, old, averageCount, current.length - 4 - averageCount - 4);
    ByteBuffer header = ByteBuffer.wrap(old).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(8, 1).putLong(12, old.length);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(old, 0, old.length - 4);
    header.putInt(old.length - 4, (int) crc.getValue());

    TrainingState loaded = CheckpointFile.read(old, "v1").state();

    assertEquals(List.of(), loaded.averages());
    assertEquals(s.history(), loaded.history());
    assertArrayEquals(s.bestWeights().getFirst(), loaded.bestWeights().getFirst());
  }

  @Test
  void load_rejectsAFlippedBit() throws IOException {
    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 3] ^= 0x04;
    Files.write(file, bytes);
    var e = assertThrows(IOException.class, () -> CheckpointFile.load(file));
    assertTrue(
        e.getMessage().startsWith("checkpoint " + file + ": corrupt: checksum"), e.getMessage());
  }

  @Test
  void load_rejectsATruncatedFile() throws IOException {
    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, 1000));
    var e = assertThrows(IOException.class, () -> CheckpointFile.load(file));
    assertEquals(
        "checkpoint "
            + file
            + ": truncated at byte 1000, the header promises "
            + bytes.length
            + " bytes",
        e.getMessage());
  }

  @Test
  void load_rejectsAnotherFileAndAnotherVersion_andAFolder() throws IOException {
    Path model = dir.resolve("model.hwnn");
    dev.handwritten.mnist.model.ModelFile.save(
        model, Presets.REFERENCE, Presets.REFERENCE.build(1), java.util.Map.of());
    var e = assertThrows(IOException.class, () -> CheckpointFile.load(model));
    assertEquals(
        "checkpoint " + model + ": not a handwritten checkpoint (wrong magic bytes)",
        e.getMessage());

    Path file = saved();
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 3);
    Files.write(file, bytes);
    e = assertThrows(IOException.class, () -> CheckpointFile.load(file));
    assertEquals(
        "checkpoint " + file + ": version 3, expected 1 to 2; was it written by another release?",
        e.getMessage());

    e = assertThrows(IOException.class, () -> CheckpointFile.load(dir));
    assertEquals("checkpoint " + dir + ": a folder, not a checkpoint file", e.getMessage());
  }

  @Test
  void read_aSectionClaimingBillionsOfBytes_isRefusedBeforeAllocating() {
    byte[] bytes = CheckpointFile.encode(sample());
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(20, 2_000_000_000); // the settings' byte count
    fixChecksum(bytes);
    var e = assertThrows(IOException.class, () -> CheckpointFile.read(bytes, "checkpoint x"));
    assertTrue(
        e.getMessage().startsWith("checkpoint x: corrupt: the settings claim 2000000000 bytes, "),
        e.getMessage());
  }

  @Test
  void read_aMomentThatIsNotFinite_isRefused() {
    byte[] bytes = CheckpointFile.encode(sample());
    // The last f32 before the best-epoch section is the last second moment: make it NaN.
    int settings = 4 + "{\"epochs\":5}".length();
    int position = 20 + settings + 4 + 8 + 1 + 8 + 8;
    int modelLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(position);
    int moments = position + 4 + modelLength + 8 + 4; // Adam's steps and the tensor count
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int n = buffer.getInt(moments); // the first tensor's length
    buffer.putFloat(moments + 4 + 4 * n, Float.NaN); // its first second moment
    fixChecksum(bytes);
    var e = assertThrows(IOException.class, () -> CheckpointFile.read(bytes, "checkpoint x"));
    assertEquals("checkpoint x: corrupt: a second moment of parameter 0 is NaN", e.getMessage());
  }

  @Test
  void save_leavesOnlyTheFile() throws IOException {
    saved();
    try (var files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("checkpoint.hwck")), files.toList());
    }
  }

  private static void fixChecksum(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, (int) crc.getValue());
  }
}
