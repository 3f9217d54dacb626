package dev.handwritten.mnist.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  @TempDir Path dir;

  private static Tensor images(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(count, 1, 28, 28);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) random.nextDouble();
    }
    return x;
  }

  private Path saved(Sequential model) throws IOException {
    Path file = dir.resolve("model.hwnn");
    ModelFile.save(file, Presets.REFERENCE, model, Map.of("seed", "7"));
    return file;
  }

  @Test
  void saveThenLoad_givesBitIdenticalOutputs() throws IOException {
    Sequential model = Presets.REFERENCE.build(7);
    Tensor x = images(1, 16);
    float[] before = model.forward(x, Mode.EVAL).data().clone();

    ModelFile.Loaded loaded = ModelFile.load(saved(model));

    assertEquals(Presets.REFERENCE, loaded.architecture());
    assertEquals(Map.of("seed", "7"), loaded.metadata());
    assertArrayEquals(before, loaded.model().forward(x, Mode.EVAL).data());
    assertEquals(34_826, loaded.model().parameterCount());
  }

  @Test
  void fileSize_isHeaderPlusParameters() throws IOException {
    // 34,826 float32 parameters dominate: 139,304 bytes, plus less than a kilobyte of header.
    long size = Files.size(saved(Presets.REFERENCE.build(1)));
    assertTrue(size > 139_304 && size < 139_304 + 1024, () -> "size " + size);
  }

  @Test
  void load_rejectsAFileThatIsNotAModel() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "hello, these are not weights");
    var e = assertThrows(IOException.class, () -> ModelFile.load(file));
    assertEquals(
        "model file " + file + ": not a handwritten model file (wrong magic bytes)",
        e.getMessage());
  }

  @Test
  void load_rejectsATruncatedFile() throws IOException {
    Path file = saved(Presets.REFERENCE.build(1));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, 5000));
    var e = assertThrows(IOException.class, () -> ModelFile.load(file));
    assertEquals(
        "model file "
            + file
            + ": truncated at byte 5000, the header promises "
            + bytes.length
            + " bytes",
        e.getMessage());
  }

  @Test
  void load_aFolder_namesItAndTheModelFileInside() throws IOException {
    Path run = Files.createDirectory(dir.resolve("run"));
    var e = assertThrows(IOException.class, () -> ModelFile.load(run));
    assertEquals(
        "model file "
            + run
            + ": a folder, not a model file; pass the model file itself, for example"
            + " runs/<run>/model.hwnn",
        e.getMessage());
    ModelFile.save(
        run.resolve("model.hwnn"), Presets.REFERENCE, Presets.REFERENCE.build(1), Map.of());
    e = assertThrows(IOException.class, () -> ModelFile.load(run));
    assertEquals(
        "model file "
            + run
            + ": a folder, not a model file; pass the model file itself, "
            + run.resolve("model.hwnn"),
        e.getMessage());
  }

  @Test
  void load_aLengthFieldClaimingBillionsOfBytes_isRefusedBeforeReadingTheFile() throws IOException {
    Path file = saved(Presets.REFERENCE.build(1));
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(12, 40_000_000_000L);
    Files.write(file, bytes);
    var e = assertThrows(IOException.class, () -> ModelFile.load(file));
    assertEquals(
        "model file "
            + file
            + ": truncated at byte "
            + bytes.length
            + ", the header promises 40000000000 bytes",
        e.getMessage());
  }

  @Test
  void read_layersClaimingBillionsOfWeights_areRefusedBeforeAnyIsAllocated() throws IOException {
    // A well-formed file (right length and checksum) whose one Dense layer says 100,000 x 100,000:
    // 10 billion weights that the file cannot hold. Building it would need 40 GB.
    Architecture huge =
        new Architecture(
            "huge",
            dev.handwritten.tensor.Shape.of(2),
            java.util.List.of(new LayerSpec.DenseSpec(2, 2)));
    Path file = dir.resolve("huge.hwnn");
    ModelFile.save(file, huge, huge.build(1), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    // The layer's fields follow name (2 + 4 bytes), rank (1), dim (4), count (4) and tag (1).
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int fields = 20 + 2 + 4 + 1 + 4 + 4 + 1;
    buffer.putInt(fields, 100_000).putInt(fields + 4, 100_000);
    signAgain(bytes);

    var e = assertThrows(IOException.class, () -> ModelFile.read(bytes, "model file huge.hwnn"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "model file huge.hwnn: corrupt: the layers need 10,000,100,000 values"
                    + " (40,000,400,000 bytes), but only "),
        e.getMessage());
  }

  @Test
  void read_aLayerClaimingMoreWeightsThanALongCounts_doesNotHideTheOthers() throws IOException {
    // Found by the fuzzer: a first convolution of 2^26 weights (a 256 MB allocation) followed by
    // one whose 2^30 x 2^30 x 2^30 x 2^30 weights overflow a long. Their sum must not wrap to a
    // negative count that passes the check and lets the first layer allocate.
    Architecture small =
        new Architecture(
            "huge",
            dev.handwritten.tensor.Shape.of(1, 64, 64),
            java.util.List.of(
                new LayerSpec.Conv(1, 1, 1, 1, 0), new LayerSpec.Conv(1, 1, 1, 1, 0)));
    Path file = dir.resolve("huge.hwnn");
    ModelFile.save(file, small, small.build(1), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    // After the header (20), name (2 + 4), rank (1), dims (3 x 4) and count (4), each Conv is a tag
    // and five ints: in, out, kernel, stride, padding.
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int first = 20 + 2 + 4 + 1 + 12 + 4 + 1;
    buffer.putInt(first + 4, 1 << 14).putInt(first + 8, 64);
    int second = first + 20 + 1;
    buffer.putInt(second, 1 << 30).putInt(second + 4, 1 << 30).putInt(second + 8, 1 << 30);
    signAgain(bytes);

    var e = assertThrows(IOException.class, () -> ModelFile.read(bytes, "model file huge.hwnn"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "model file huge.hwnn: corrupt: the layers need over 1,152,921,504,606,846,975"
                    + " values (over 4,611,686,018,427,387,900 bytes), but only "),
        e.getMessage());
  }

  @Test
  void load_rejectsACorruptFile() throws IOException {
    Path file = saved(Presets.REFERENCE.build(1));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10; // one flipped bit in a weight
    Files.write(file, bytes);
    var e = assertThrows(IOException.class, () -> ModelFile.load(file));
    assertTrue(
        e.getMessage().startsWith("model file " + file + ": corrupt: checksum"), e.getMessage());
  }

  @Test
  void load_rejectsAnotherVersion() throws IOException {
    Path file = saved(Presets.REFERENCE.build(1));
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
    Files.write(file, bytes);
    var e = assertThrows(IOException.class, () -> ModelFile.load(file));
    assertEquals(
        "model file " + file + ": version 2, expected 1; was it written by another release?",
        e.getMessage());
  }

  @Test
  void load_rejectsParametersThatDoNotFitTheArchitecture() throws IOException {
    // A file whose architecture says Dense(1600->10) but whose weights were saved for 1600->12:
    // written by hand through a mismatched save, then checked on load.
    Architecture twelve =
        new Architecture(
            "reference",
            Presets.REFERENCE.sampleShape(),
            Presets.REFERENCE.layers().subList(0, 8).stream()
                .collect(
                    java.util.stream.Collectors.collectingAndThen(
                        java.util.stream.Collectors.toList(),
                        l -> {
                          l.add(new LayerSpec.DenseSpec(1600, 12));
                          return l;
                        })));
    Path file = dir.resolve("mismatch.hwnn");
    ModelFile.save(file, Presets.REFERENCE, twelve.build(1), Map.of());
    var e = assertThrows(IOException.class, () -> ModelFile.load(file));
    assertEquals(
        "model file "
            + file
            + ": parameter 4.weight has shape [12, 1600], expected [10, 1600]"
            + " for this architecture",
        e.getMessage());
  }

  @Test
  void save_leavesNoTemporaryFilesBehind() throws IOException {
    saved(Presets.REFERENCE.build(1));
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(dir.resolve("model.hwnn")), files.toList());
    }
  }

  @Test
  void batchNormRunningStatistics_areSavedAndRestored() throws IOException {
    Architecture withBatchNorm =
        new Architecture(
            "bn",
            dev.handwritten.tensor.Shape.of(1, 28, 28),
            java.util.List.of(
                new LayerSpec.Conv(1, 4, 3, 1, 1),
                new LayerSpec.BatchNorm2dSpec(4, 0.1, 1e-5),
                new LayerSpec.ReluSpec(),
                new LayerSpec.MaxPool(2, 2),
                new LayerSpec.FlattenSpec(),
                new LayerSpec.DenseSpec(4 * 14 * 14, 16),
                new LayerSpec.BatchNorm1dSpec(16, 0.1, 1e-5),
                new LayerSpec.DenseSpec(16, 10)));
    Sequential model = withBatchNorm.build(3);
    for (int step = 0; step < 3; step++) {
      model.forward(images(step, 8), Mode.train(step)); // moves the running statistics
    }
    Tensor x = images(9, 5);
    float[] before = model.forward(x, Mode.EVAL).data().clone();
    Path file = dir.resolve("bn.hwnn");
    ModelFile.save(file, withBatchNorm, model, Map.of());

    ModelFile.Loaded loaded = ModelFile.load(file);

    assertEquals(withBatchNorm, loaded.architecture());
    assertEquals(4, loaded.model().state().size());
    assertArrayEquals(before, loaded.model().forward(x, Mode.EVAL).data());
  }

  /** Writes the CRC-32 of everything before the last 4 bytes into them, as a save would. */
  private static void signAgain(byte[] bytes) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, (int) crc.getValue());
  }
}
