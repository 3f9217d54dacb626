package dev.handwritten.mnist.model;

import dev.handwritten.layers.Parameter;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.io.AtomicFiles;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The model file format, version 1: our own, documented in {@code docs/model-format.md}, never Java
 * serialization. All numbers little-endian:
 *
 * <pre>
 *   magic        8 bytes  89 'H' 'W' 'N' 'N' 0D 0A 1A   (PNG's trick: catches text-mode mangling)
 *   version      u32      1
 *   file length  u64      the whole file, checksum included: a truncated file is named as such
 *   name         string   the preset name (u16 byte count + UTF-8)
 *   sample shape u8 rank, then u32 per dimension
 *   layers       u32 count, then per layer: u8 tag and its fields (see LayerSpec)
 *   metadata     u32 count, then string key, string value (seed, epochs, accuracy, ...)
 *   parameters   u32 count, then per tensor: string name, u8 rank, u32 dims, float32 values;
 *                the trained parameters, then the state tensors (running statistics)
 *   checksum     u32      CRC-32 of every byte before it
 * </pre>
 *
 * Loading checks, in order: magic, version, length, checksum, then the architecture, then that
 * every parameter tensor has the shape the architecture expects. Each failure is an {@link
 * IOException} naming the file and what is wrong.
 */
public final class ModelFile {
  /** The only version this code reads and writes. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = {(byte) 0x89, 'H', 'W', 'N', 'N', 0x0D, 0x0A, 0x1A};
  private static final int HEADER = MAGIC.length + 4 + 8;

  /* A byte array's limit: the whole file is read into one. */
  private static final long MAX_FILE = Integer.MAX_VALUE - 8;

  private ModelFile() {}

  /**
   * A model read from a file.
   *
   * @param metadata the key-value pairs saved with it, in order
   */
  public record Loaded(Architecture architecture, Sequential model, Map<String, String> metadata) {
    /**
     * A model with the same architecture, weights and state but buffers of its own: layers own
     * their output buffers, so one model cannot run on two threads at once, and a replica per
     * thread can.
     */
    public Sequential replica() {
      Sequential copy = architecture.build(0);
      copyValues(
          model.parameters().stream().map(Parameter::value).toList(),
          copy.parameters().stream().map(Parameter::value).toList());
      copyValues(model.state(), copy.state());
      return copy;
    }

    /** What a report says of this model, read from {@code source}. */
    public ModelInfo info(String source) {
      return new ModelInfo(source, architecture.name(), model.parameterCount(), metadata);
    }

    private static void copyValues(List<Tensor> from, List<Tensor> to) {
      for (int i = 0; i < from.size(); i++) {
        float[] values = from.get(i).data();
        System.arraycopy(values, 0, to.get(i).data(), 0, values.length);
      }
    }
  }

  /** Where the model shipped inside the app lives, as a class-path resource. */
  public static final String BUNDLED = "/models/default.hwnn";

  /**
   * The model shipped inside the app: the {@code accurate} preset, 99.62% on MNIST's test set.
   *
   * @throws IOException if this build has no bundled model (a build from a trimmed source tree)
   */
  public static Loaded bundled() throws IOException {
    try (var in = ModelFile.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IOException(
            "this build has no bundled model; train one with 'mnist train' and pass --model"
                + " runs/<run>/model.hwnn");
      }
      return read(in.readAllBytes(), "bundled model " + BUNDLED);
    }
  }

  /**
   * Writes a model, atomically: to a temporary file beside {@code file}, then moved into place, so
   * an interrupted save never leaves a half-written model under the final name.
   */
  public static void save(
      Path file, Architecture architecture, Sequential model, Map<String, String> metadata)
      throws IOException {
    byte[] bytes = encode(architecture, model, metadata);
    AtomicFiles.write(file, stream -> stream.write(bytes));
  }

  /**
   * The bytes of a model file, as {@link #save} writes them: for formats that embed a model, such
   * as a training checkpoint.
   */
  public static byte[] encode(
      Architecture architecture, Sequential model, Map<String, String> metadata) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Writer w = new Writer(body);
    w.string(architecture.name());
    Shape sample = architecture.sampleShape();
    w.u8(sample.rank());
    for (int i = 0; i < sample.rank(); i++) {
      w.u32(sample.dim(i));
    }
    w.u32(architecture.layers().size());
    for (LayerSpec spec : architecture.layers()) {
      w.u8(spec.tag());
      switch (spec) {
        case LayerSpec.Conv c -> {
          w.u32(c.inChannels());
          w.u32(c.outChannels());
          w.u32(c.kernelSize());
          w.u32(c.stride());
          w.u32(c.padding());
        }
        case LayerSpec.MaxPool p -> {
          w.u32(p.kernelSize());
          w.u32(p.stride());
        }
        case LayerSpec.DropoutSpec d -> w.f64(d.p());
        case LayerSpec.BatchNorm2dSpec b -> {
          w.u32(b.channels());
          w.f64(b.momentum());
          w.f64(b.eps());
        }
        case LayerSpec.BatchNorm1dSpec b -> {
          w.u32(b.features());
          w.f64(b.momentum());
          w.f64(b.eps());
        }
        case LayerSpec.NormalizeSpec n -> {
          w.f64(n.mean());
          w.f64(n.std());
        }
        case LayerSpec.DenseSpec d -> {
          w.u32(d.inFeatures());
          w.u32(d.outFeatures());
        }
        case LayerSpec.ReluSpec r -> {}
        case LayerSpec.FlattenSpec f -> {}
      }
    }
    w.u32(metadata.size());
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      w.string(entry.getKey());
      w.string(entry.getValue());
    }
    Map<String, Tensor> tensors = tensors(model);
    w.u32(tensors.size());
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      Tensor t = entry.getValue();
      w.string(entry.getKey());
      w.u8(t.shape().rank());
      for (int d = 0; d < t.shape().rank(); d++) {
        w.u32(t.shape().dim(d));
      }
      ByteBuffer values = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
      values.asFloatBuffer().put(t.data());
      body.write(values.array(), 0, values.capacity());
    }

    byte[] bodyBytes = body.toByteArray();
    long length = HEADER + bodyBytes.length + 4L;
    ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).putInt(VERSION).putLong(length).put(bodyBytes);
    CRC32 crc = new CRC32();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  /**
   * Reads and validates a model file. Its header is checked against the file's length before the
   * file is read, so a damaged length field, or a file far too big to be a model, is refused
   * without allocating it.
   *
   * @throws IOException naming the file and the problem: a folder, not a model file, another
   *     version, truncated, corrupt (checksum), an unknown layer, or parameters that do not fit the
   *     architecture
   */
  public static Loaded load(Path file) throws IOException {
    String who = "model file " + file;
    if (Files.isDirectory(file)) {
      Path inside = file.resolve("model.hwnn");
      throw new IOException(
          who
              + ": a folder, not a model file; pass the model file itself"
              + (Files.isRegularFile(inside)
                  ? ", " + inside
                  : ", for example runs/<run>/model.hwnn"));
    }
    long size = Files.size(file);
    if (size >= HEADER) {
      byte[] header = new byte[HEADER];
      try (InputStream in = Files.newInputStream(file)) {
        in.readNBytes(header, 0, HEADER);
      }
      checkHeader(header, size, who);
      if (size > MAX_FILE) {
        throw new IOException(
            who + ": " + size + " bytes, more than a model file can hold (" + MAX_FILE + ")");
      }
    }
    return read(Files.readAllBytes(file), who);
  }

  /**
   * Reads and validates a model from its bytes, for example a resource inside the jar.
   *
   * @param who names the source in error messages, for example {@code "model file x.hwnn"}
   * @throws IOException as {@link #load(Path)}
   */
  public static Loaded read(byte[] bytes, String who) throws IOException {
    if (bytes.length < MAGIC.length
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(who + ": not a handwritten model file (wrong magic bytes)");
    }
    if (bytes.length < HEADER) {
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
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    in.position(HEADER);
    try {
      return parse(in.limit(bytes.length - 4), who);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException(who + ": corrupt: a section ends past the end of the file", e);
    }
  }

  /**
   * Checks the magic bytes, the version and the length field of {@code header} (the file's first
   * {@value #HEADER} bytes) against the file's real {@code size}.
   */
  private static void checkHeader(byte[] header, long size, String who) throws IOException {
    if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(who + ": not a handwritten model file (wrong magic bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    in.position(MAGIC.length);
    int version = in.getInt();
    if (version != VERSION) {
      throw new IOException(
          who
              + ": version "
              + version
              + ", expected "
              + VERSION
              + "; was it written by another release?");
    }
    long length = in.getLong();
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

  private static Loaded parse(ByteBuffer in, String who) throws IOException {
    String name = string(in);
    int rank = Byte.toUnsignedInt(in.get());
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = in.getInt();
    }
    int layerCount = in.getInt();
    List<LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      int tag = Byte.toUnsignedInt(in.get());
      layers.add(
          switch (tag) {
            case 1 ->
                new LayerSpec.Conv(in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt());
            case 2 -> new LayerSpec.MaxPool(in.getInt(), in.getInt());
            case 3 -> new LayerSpec.ReluSpec();
            case 4 -> new LayerSpec.FlattenSpec();
            case 5 -> new LayerSpec.DropoutSpec(in.getDouble());
            case 6 -> new LayerSpec.DenseSpec(in.getInt(), in.getInt());
            case 7 -> new LayerSpec.NormalizeSpec(in.getDouble(), in.getDouble());
            case 8 -> new LayerSpec.BatchNorm2dSpec(in.getInt(), in.getDouble(), in.getDouble());
            case 9 -> new LayerSpec.BatchNorm1dSpec(in.getInt(), in.getDouble(), in.getDouble());
            default ->
                throw new IOException(
                    who
                        + ": layer "
                        + (i + 1)
                        + " has unknown tag "
                        + tag
                        + "; written by a newer release?");
          });
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    int metadataCount = in.getInt();
    for (int i = 0; i < metadataCount; i++) {
      metadata.put(string(in), string(in));
    }
    // Before any layer allocates its weights: they must be in the file, 4 bytes per value.
    // The sum saturates: one layer may claim Long.MAX_VALUE, and a wrapped sum would pass.
    long most = Long.MAX_VALUE / 8;
    long values = 0;
    for (LayerSpec spec : layers) {
      values = Math.min(most, values + Math.min(most, spec.storedValues()));
    }
    if (4 * values > in.remaining()) {
      String over = values == most ? "over " : "";
      throw new IOException(
          String.format(
              "%s: corrupt: the layers need %s%,d values (%s%,d bytes), but only %,d bytes are"
                  + " left in the file",
              who, over, values, over, 4 * values, in.remaining()));
    }
    Architecture architecture;
    Sequential model;
    try {
      architecture = new Architecture(name, Shape.of(dims), layers);
      model = architecture.build(0);
    } catch (IllegalArgumentException e) {
      throw new IOException(who + ": the architecture does not fit together: " + e.getMessage(), e);
    }
    Map<String, Tensor> tensors = tensors(model);
    int count = in.getInt();
    if (count != tensors.size()) {
      throw new IOException(
          who + ": " + count + " parameter tensors, but the architecture has " + tensors.size());
    }
    for (Tensor p : tensors.values()) {
      String tensorName = string(in);
      int tensorRank = Byte.toUnsignedInt(in.get());
      int[] tensorDims = new int[tensorRank];
      for (int d = 0; d < tensorRank; d++) {
        tensorDims[d] = in.getInt();
      }
      if (!Arrays.equals(tensorDims, p.shape().dims())) {
        throw new IOException(
            who
                + ": parameter "
                + tensorName
                + " has shape "
                + Arrays.toString(tensorDims)
                + ", expected "
                + p.shape()
                + " for this architecture");
      }
      in.asFloatBuffer().get(p.data());
      in.position(in.position() + 4 * p.size());
    }
    if (in.hasRemaining()) {
      throw new IOException(
          who + ": corrupt: " + in.remaining() + " unread bytes before the checksum");
    }
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      entry.getValue().requireFinite(who + ": parameter " + entry.getKey());
    }
    return new Loaded(architecture, model, metadata);
  }

  /**
   * The tensors a file stores, in order: every parameter ({@code "4.weight"}), then every state
   * tensor ({@code "state.0"}), such as batch normalization's running statistics.
   */
  private static Map<String, Tensor> tensors(Sequential model) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    List<Parameter> parameters = model.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      tensors.put(i + "." + parameters.get(i).name(), parameters.get(i).value());
    }
    List<Tensor> state = model.state();
    for (int i = 0; i < state.size(); i++) {
      tensors.put("state." + i, state.get(i));
    }
    return tensors;
  }

  private static String string(ByteBuffer in) {
    int length = Short.toUnsignedInt(in.getShort());
    byte[] utf8 = new byte[length];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Little-endian primitives into a byte stream. */
  private static final class Writer {
    private final ByteArrayOutputStream out;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    Writer(ByteArrayOutputStream out) {
      this.out = out;
    }

    void u8(int value) {
      out.write(value);
    }

    void u32(int value) {
      out.write(scratch.clear().putInt(value).array(), 0, 4);
    }

    void f64(double value) {
      out.write(scratch.clear().putDouble(value).array(), 0, 8);
    }

    void string(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > 0xFFFF) {
        throw new IllegalArgumentException(
            "ModelFile: expected strings under 64 KiB, got " + utf8.length + " bytes");
      }
      out.write(utf8.length & 0xFF);
      out.write(utf8.length >>> 8);
      out.write(utf8, 0, utf8.length);
    }
  }
}
