package dev.handwritten.mnist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The wire format, byte for byte, on the examples of the protobuf encoding guide and a few more.
 */
class ProtoWriterTest {
  private static String hex(ProtoWriter writer) {
    return HexFormat.ofDelimiter(" ").formatHex(writer.toByteArray());
  }

  @Test
  void varint_150_isTheGuidesExample() {
    // Field 1, wire type 0: tag 0x08. 150 = 0b1_0010110: low seven bits 0x16 with the
    // continuation bit (0x96), then 0x01.
    assertEquals("08 96 01", hex(new ProtoWriter().varint(1, 150)));
  }

  @Test
  void varint_negative_takesTenBytes() {
    // -1 as a 64-bit two's complement: 63 ones and a final 1, seven bits per byte.
    assertEquals("08 ff ff ff ff ff ff ff ff ff 01", hex(new ProtoWriter().varint(1, -1)));
  }

  @Test
  void fieldNumbersAbove15_takeATwoByteTag() {
    // Field 20, wire type 0: 20 << 3 = 160 = 0xa0 0x01 as a varint.
    assertEquals("a0 01 07", hex(new ProtoWriter().varint(20, 7)));
  }

  @Test
  void string_isLengthDelimitedUtf8() {
    // Field 2, wire type 2: tag 0x12, length 7, "testing".
    assertEquals("12 07 74 65 73 74 69 6e 67", hex(new ProtoWriter().string(2, "testing")));
    assertEquals("0a 02 c3 a9", hex(new ProtoWriter().string(1, "é")));
  }

  @Test
  void float32_isItsBitsLittleEndian() {
    // Field 2, wire type 5: tag 0x15; 1.0f = 0x3f800000.
    assertEquals("15 00 00 80 3f", hex(new ProtoWriter().float32(2, 1.0f)));
  }

  @Test
  void message_isLengthDelimited_andFieldsFollowInOrder() {
    // The guide's Test3 { Test1 c = 3; } with a = 150: 1a 03 08 96 01.
    ProtoWriter inner = new ProtoWriter().varint(1, 150);
    assertEquals("1a 03 08 96 01", hex(new ProtoWriter().message(3, inner)));
    assertEquals(
        "08 01 08 02 12 00", hex(new ProtoWriter().varint(1, 1).varint(1, 2).string(2, "")));
  }
}
