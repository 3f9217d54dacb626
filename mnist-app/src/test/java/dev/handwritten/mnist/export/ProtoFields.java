package dev.handwritten.mnist.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads protobuf fields back, for the tests: an independent decoder of what {@link ProtoWriter}
 * writes, so the ONNX structure can be checked without a runtime.
 */
record ProtoFields(List<Field> fields) {
  /** One field: its number, and its value (a Long for a varint or fixed32, a byte[] otherwise). */
  record Field(int number, Object value) {}

  static ProtoFields parse(byte[] bytes) {
    List<Field> fields = new ArrayList<>();
    int[] at = {0};
    while (at[0] < bytes.length) {
      long tag = varint(bytes, at);
      int number = (int) (tag >>> 3);
      switch ((int) (tag & 7)) {
        case 0 -> fields.add(new Field(number, varint(bytes, at)));
        case 2 -> {
          int length = (int) varint(bytes, at);
          byte[] value = new byte[length];
          System.arraycopy(bytes, at[0], value, 0, length);
          at[0] += length;
          fields.add(new Field(number, value));
        }
        case 5 -> {
          long bits = 0;
          for (int i = 0; i < 4; i++) {
            bits |= (long) (bytes[at[0]++] & 0xFF) << (8 * i);
          }
          fields.add(new Field(number, bits));
        }
        default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " at " + at[0]);
      }
    }
    return new ProtoFields(fields);
  }

  List<Long> varints(int number) {
    return fields.stream().filter(f -> f.number() == number).map(f -> (Long) f.value()).toList();
  }

  List<ProtoFields> messages(int number) {
    return bytes(number).stream().map(ProtoFields::parse).toList();
  }

  List<String> strings(int number) {
    return bytes(number).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  ProtoFields message(int number) {
    return messages(number).getFirst();
  }

  String string(int number) {
    return strings(number).getFirst();
  }

  private List<byte[]> bytes(int number) {
    return fields.stream().filter(f -> f.number() == number).map(f -> (byte[]) f.value()).toList();
  }

  private static long varint(byte[] bytes, int[] at) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = bytes[at[0]++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
  }
}
