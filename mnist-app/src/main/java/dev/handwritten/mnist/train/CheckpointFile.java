package dev.handwritten.mnist.train;

import dev.handwritten.layers.Parameter;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.optim.Adam;
import dev.handwritten.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The training checkpoint format, version 2 ({@code checkpoint.hwck}): our own, documented in
 * {@code docs/checkpoint-format.md}, never Java serialization. All numbers little-endian:
 *
 * <pre>
 *   magic        8 bytes  89 'H' 'W' 'C' 'K' 0D 0A 1A
 *   version      u32      2 (1 is read too: it has no average section)
 *   file length  u64      the whole file, checksum included
 *   settings     u32 byte count, then UTF-8 JSON: the run's settings
 *   position     u32 epochs finished, u64 steps taken, u8 finished, u64 data fingerprint,
 *                f64 learning rate of the last step
 *   model        u32 byte count, then a whole model file (docs/model-format.md): the weights
 *   optimizer    u64 Adam's steps, u32 tensor count, then per tensor u32 n, n f32 first moments,
 *                n f32 second moments
 *   best         u32 best epoch, f64 its validation accuracy, u32 tensor count (0 or the model's),
 *                then per tensor u32 n, n f32 values
 *   average      u32 tensor count (0, or the model's with --ema-decay), then per tensor u32 n, n
 *                f32 values of the exponential moving average of the weights
 *   history      u32 count, then per epoch u32 epoch and f64 train seconds, train loss, train
 *                accuracy, validation loss, validation accuracy
 *   checksum     u32      CRC-32 of every byte before it
 * </pre>
 *
 * Loading checks, in order: the magic, the version and the length against the file's size (before
 * the file is read), the checksum, then every section: each count against the bytes left before
 * anything is allocated, the embedded model as {@link ModelFile} checks it, the moments and best
 * weights against the model's tensors, every value finite. Each failure is an {@link IOException}
 * naming the file and what is wrong.
 */
public final class CheckpointFile {
  /** The file's name in a run folder. */
  public static final String NAME = "checkpoint.hwck";

  /** The version this code writes; it reads every version from 1 to this one. */
  public static final int VERSION = 2;

  private static final byte[] MAGIC = {(byte) 0x89, 'H', 'W', 'C', 'K', 0x0D, 0x0A, 0x1A};
  private static final int HEADER = MAGIC.length + 4 + 8;
  private static final long MAX_FILE = Integer.MAX_VALUE - 8;

  private CheckpointFile() {}

  /** Writes a checkpoint atomically: a reader, or a crash, sees the old file or the new one. */
  public static void save(Path file, Checkpoint checkpoint) throws IOException {
    byte[] bytes = encode(checkpoint);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /** The bytes of a checkpoint file. */
  public static byte[] encode(Checkpoint checkpoint) {
    TrainingState state = checkpoint.state();
    Sequential model = checkpoint.architecture().build(0);
    copy(state.weights(), tensors(model));
    byte[] modelFile = ModelFile.encode(checkpoint.architecture(), model, Map.of());

    Writer w = new Writer();
    w.bytes(checkpoint.settings().getBytes(StandardCharsets.UTF_8));
    w.u32(state.epoch());
    w.u64(state.step());
    w.u8(state.finished() ? 1 : 0);
    w.u64(state.dataFingerprint());
    w.f64(state.learningRate());
    w.bytes(modelFile);
    Adam.State optimizer = state.optimizer();
    w.u64(optimizer.steps());
    w.u32(optimizer.firstMoments().size());
    for (int i = 0; i < optimizer.firstMoments().size(); i++) {
      w.u32(optimizer.firstMoments().get(i).length);
      w.floats(optimizer.firstMoments().get(i));
      w.floats(optimizer.secondMoments().get(i));
    }
    w.u32(state.bestEpoch());
    w.f64(state.bestAccuracy());
    for (List<float[]> section : List.of(state.bestWeights(), state.averages())) {
      w.u32(section.size());
      for (float[] values : section) {
        w.u32(values.length);
        w.floats(values);
      }
    }
    w.u32(state.history().size());
    for (EpochMetrics m : state.history()) {
      w.u32(m.epoch());
      w.f64(m.trainSeconds());
      w.f64(m.trainLoss());
      w.f64(m.trainAccuracy());
      w.f64(m.valLoss());
      w.f64(m.valAccuracy());
    }
    byte[] body = w.out.toByteArray();
    long length = HEADER + body.length + 4L;
    ByteBuffer file = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    file.put(MAGIC).putInt(VERSION).putLong(length).put(body);
    CRC32 crc = new CRC32();
    crc.update(file.array(), 0, file.position());
    file.putInt((int) crc.getValue());
    return file.array();
  }

  /**
   * Reads and checks a checkpoint file.
   *
   * @throws IOException naming the file: missing or a folder, not a checkpoint, another version,
   *     truncated, corrupt, or sections that do not fit together
   */
  public static Checkpoint load(Path file) throws IOException {
    String who = "checkpoint " + file;
    if (Files.isDirectory(file)) {
      throw new IOException(who + ": a folder, not a checkpoint file");
    }
    long size = Files.size(file);
    if (size >= HEADER) {
      byte[] header = new byte[HEADER];
      try (InputStream in = Files.newInputStream(file)) {
        in.readNBytes(header, 0, HEADER);
      }
      checkHeader(header, size, who);
      if (size > MAX_FILE) {
        throw new IOException(who + ": " + size + " bytes, more than a checkpoint can hold");
      }
    }
    return read(Files.readAllBytes(file), who);
  }

  /**
   * Reads and checks a checkpoint from its bytes.
   *
   * @param who names the source in messages, for example {@code "checkpoint
   *     runs/x/checkpoint.hwck"}
   * @throws IOException as {@link #load}
   */
  public static Checkpoint read(byte[] bytes, String who) throws IOException {
    if (bytes.length < HEADER) {
      if (bytes.length < MAGIC.length
          || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new IOException(who + ": not a handwritten checkpoint (wrong magic bytes)");
      }
      throw new IOException(who + ": truncated at byte " + bytes.length + " inside the header");
    }
    checkHeader(bytes, bytes.length, who);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    int stored =
        ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (stored != (int) crc.getValue()) {
      throw new IOException(
          String.format(
              "%s: corrupt: checksum %08x, expected %08x from the contents",
              who, stored, (int) crc.getValue()));
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4).order(ByteOrder.LITTLE_ENDIAN);
    in.position(HEADER);
    try {
      Checkpoint checkpoint = parse(new Reader(in, who), version(bytes), who);
      if (in.hasRemaining()) {
        throw new IOException(
            who + ": corrupt: " + in.remaining() + " unread bytes before the checksum");
      }
      return checkpoint;
    } catch (BufferUnderflowException e) {
      throw new IOException(who + ": corrupt: a section ends past the end of the file", e);
    }
  }

  private static Checkpoint parse(Reader in, int version, String who) throws IOException {
    String settings;
    try {
      settings =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(in.bytes("the settings")))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(who + ": corrupt: the settings are not UTF-8 text", e);
    }
    int epoch = in.u32();
    long step = in.buffer.getLong();
    int finished = Byte.toUnsignedInt(in.buffer.get());
    long fingerprint = in.buffer.getLong();
    double learningRate = in.buffer.getDouble();
    ModelFile.Loaded model = ModelFile.read(in.bytes("the model"), who + ", its model");
    List<Tensor> tensors = tensors(model.model());
    List<float[]> weights = new ArrayList<>();
    tensors.forEach(t -> weights.add(t.data()));

    long adamSteps = in.buffer.getLong();
    List<Parameter> parameters = model.model().parameters();
    int moments = in.count("optimizer tensors", parameters.size());
    List<float[]> first = new ArrayList<>();
    List<float[]> second = new ArrayList<>();
    for (int i = 0; i < moments; i++) {
      int n = in.length("the moments of parameter " + i, parameters.get(i).value().size());
      first.add(in.floats(n, "a first moment of parameter " + i));
      second.add(in.floats(n, "a second moment of parameter " + i));
    }
    int bestEpoch = in.u32();
    double bestAccuracy = in.buffer.getDouble();
    List<float[]> best = weightsSection(in, "best", tensors, who);
    List<float[]> averages = version >= 2 ? weightsSection(in, "average", tensors, who) : List.of();
    int historyCount = in.u32();
    if ((long) historyCount * 44 > in.buffer.remaining()) {
      throw new IOException(
          who + ": corrupt: " + Integer.toUnsignedString(historyCount) + " history entries");
    }
    List<EpochMetrics> history = new ArrayList<>();
    for (int i = 0; i < historyCount; i++) {
      history.add(
          new EpochMetrics(
              in.u32(),
              in.buffer.getDouble(),
              in.buffer.getDouble(),
              in.buffer.getDouble(),
              in.buffer.getDouble(),
              in.buffer.getDouble()));
    }
    if (finished > 1) {
      throw new IOException(who + ": corrupt: finished flag " + finished + ", expected 0 or 1");
    }
    try {
      return new Checkpoint(
          settings,
          model.architecture(),
          new TrainingState(
              epoch,
              step,
              finished == 1,
              fingerprint,
              learningRate,
              weights,
              new Adam.State(adamSteps, first, second),
              bestEpoch,
              bestAccuracy,
              best,
              averages,
              history));
    } catch (IllegalArgumentException e) {
      throw new IOException(who + ": corrupt: " + e.getMessage(), e);
    }
  }

  /** A list of tensors that is empty or has one tensor per model tensor, each of its size. */
  private static List<float[]> weightsSection(
      Reader in, String name, List<Tensor> tensors, String who) throws IOException {
    int count = in.u32();
    if (count != 0 && count != tensors.size()) {
      throw new IOException(
          who
              + ": corrupt: "
              + Integer.toUnsignedString(count)
              + " "
              + name
              + " tensors, expected 0 or "
              + tensors.size());
    }
    List<float[]> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = in.length(name + " tensor " + i, tensors.get(i).size());
      values.add(in.floats(n, "a value of " + name + " tensor " + i));
    }
    return values;
  }

  private static int version(byte[] header) {
    return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(MAGIC.length);
  }

  private static void checkHeader(byte[] header, long size, String who) throws IOException {
    if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(who + ": not a handwritten checkpoint (wrong magic bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    int version = in.getInt(MAGIC.length);
    if (version < 1 || version > VERSION) {
      throw new IOException(
          who
              + ": version "
              + Integer.toUnsignedString(version)
              + ", expected 1 to "
              + VERSION
              + "; was it written by another release?");
    }
    long length = in.getLong(MAGIC.length + 4);
    if (size < length || length < 0) {
      throw new IOException(
          who
              + ": truncated at byte "
              + size
              + ", the header promises "
              + Long.toUnsignedString(length)
              + " bytes");
    }
    if (size > length) {
      throw new IOException(
          who + ": " + (size - length) + " unexpected bytes after the end at byte " + length);
    }
    if (size < HEADER + 4) {
      throw new IOException(who + ": truncated at byte " + size + ", before the checksum");
    }
  }

  /** The model's parameters, then its state tensors: the order of {@link TrainingState#weights}. */
  private static List<Tensor> tensors(Sequential model) {
    List<Tensor> tensors = new ArrayList<>();
    model.parameters().forEach(p -> tensors.add(p.value()));
    tensors.addAll(model.state());
    return tensors;
  }

  private static void copy(List<float[]> from, List<Tensor> to) {
    if (from.size() != to.size()) {
      throw new IllegalArgumentException(
          "CheckpointFile: expected weights for " + to.size() + " tensors, got " + from.size());
    }
    for (int i = 0; i < to.size(); i++) {
      float[] target = to.get(i).data();
      if (from.get(i).length != target.length) {
        throw new IllegalArgumentException(
            "CheckpointFile: expected "
                + target.length
                + " values for tensor "
                + i
                + ", got "
                + from.get(i).length);
      }
      System.arraycopy(from.get(i), 0, target, 0, target.length);
    }
  }

  /** Little-endian reads that check every count against the bytes left before allocating. */
  private static final class Reader {
    final ByteBuffer buffer;
    final String who;

    Reader(ByteBuffer buffer, String who) {
      this.buffer = buffer;
      this.who = who;
    }

    int u32() throws IOException {
      int value = buffer.getInt();
      if (value < 0) {
        throw new IOException(
            who
                + ": corrupt: a count of "
                + Integer.toUnsignedString(value)
                + " at byte "
                + (buffer.position() - 4));
      }
      return value;
    }

    /** A u32 byte count and that many bytes. */
    byte[] bytes(String what) throws IOException {
      int n = u32();
      if (n > buffer.remaining()) {
        throw new IOException(
            who
                + ": corrupt: "
                + what
                + " claim "
                + n
                + " bytes, "
                + buffer.remaining()
                + " are left");
      }
      byte[] bytes = new byte[n];
      buffer.get(bytes);
      return bytes;
    }

    /** A u32 count that must equal {@code expected}. */
    int count(String what, int expected) throws IOException {
      int n = u32();
      if (n != expected) {
        throw new IOException(who + ": corrupt: " + n + " " + what + ", expected " + expected);
      }
      return n;
    }

    /** A u32 tensor length that must equal {@code expected}. */
    int length(String what, int expected) throws IOException {
      int n = u32();
      if (n != expected) {
        throw new IOException(
            who + ": corrupt: " + what + " has " + n + " values, expected " + expected);
      }
      return n;
    }

    /** {@code n} finite floats. */
    float[] floats(int n, String what) throws IOException {
      if (4L * n > buffer.remaining()) {
        throw new BufferUnderflowException();
      }
      float[] values = new float[n];
      buffer.asFloatBuffer().get(values);
      buffer.position(buffer.position() + 4 * n);
      for (float v : values) {
        if (!Float.isFinite(v)) {
          throw new IOException(who + ": corrupt: " + what + " is " + v);
        }
      }
      return values;
    }
  }

  /** Little-endian primitives into a byte stream. */
  private static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    void u8(int value) {
      out.write(value);
    }

    void u32(int value) {
      out.write(scratch.clear().putInt(value).array(), 0, 4);
    }

    void u64(long value) {
      out.write(scratch.clear().putLong(value).array(), 0, 8);
    }

    void f64(double value) {
      out.write(scratch.clear().putDouble(value).array(), 0, 8);
    }

    void bytes(byte[] bytes) {
      u32(bytes.length);
      out.write(bytes, 0, bytes.length);
    }

    void floats(float[] values) {
      ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      buffer.asFloatBuffer().put(values);
      out.write(buffer.array(), 0, buffer.capacity());
    }
  }
}
