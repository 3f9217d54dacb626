package dev.handwritten.mnist.page;

/**
 * Whether a picture file is complete: each format ends in a way that a cut-off file does not.
 * ImageIO decodes what it has of a truncated JPEG or PNG without complaint, leaving the rest grey,
 * which the page reader would then read as if it were the photo.
 */
final class EndMarkers {
  private EndMarkers() {}

  /**
   * @param format ImageIO's format name, e.g. {@code jpeg}
   * @return what is wrong with the file's end, or null when it is complete (or the format has no
   *     end to check)
   */
  static String problem(String format, byte[] bytes) {
    return switch (format) {
      case "jpeg", "jpg" -> jpeg(bytes);
      case "png" -> png(bytes);
      case "gif" -> gif(bytes);
      case "bmp" -> bmp(bytes);
      case "webp" -> webp(bytes);
      default -> null;
    };
  }

  /**
   * A JPEG's image data ends with the EOI marker FF D9 after its first scan. Inside scan data a
   * byte FF is always followed by 00 or a restart marker, so FF D9 there is the real end; phones
   * may append data after it (a motion photo's video), which is fine.
   */
  private static String jpeg(byte[] b) {
    int scan = firstScan(b);
    if (scan < 0) {
      return "a truncated or corrupt JPEG file (no image data)";
    }
    for (int i = scan; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
        return null;
      }
    }
    return "a truncated JPEG file (its end marker is missing after " + b.length + " bytes)";
  }

  /** Where the first start-of-scan segment's data begins, walking the segments; -1 if none. */
  private static int firstScan(byte[] b) {
    int i = 2; // after SOI
    while (i + 4 <= b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return -1;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
      if (marker == 0xDA) {
        return Math.min(b.length, i + 2 + length);
      }
      if (length < 2) {
        return -1;
      }
      i += 2 + length;
    }
    return -1;
  }

  /** A PNG ends with an IEND chunk: length 0, "IEND", its CRC AE 42 60 82. */
  private static String png(byte[] b) {
    byte[] iend = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    for (int end = b.length; end >= Math.max(iend.length, b.length - 4096); end--) {
      if (java.util.Arrays.equals(b, end - iend.length, end, iend, 0, iend.length)) {
        return null;
      }
    }
    return "a truncated PNG file (its IEND chunk is missing after " + b.length + " bytes)";
  }

  /** A GIF ends with the trailer byte 3B. */
  private static String gif(byte[] b) {
    for (int i = b.length - 1; i >= Math.max(0, b.length - 16); i--) {
      if (b[i] == 0x3B) {
        return null;
      }
      if (b[i] != 0) {
        break;
      }
    }
    return "a truncated GIF file (its trailer is missing after " + b.length + " bytes)";
  }

  /** A BMP's header gives the file's size; a shorter file was cut off. */
  private static String bmp(byte[] b) {
    if (b.length < 14) {
      return "a truncated BMP file (" + b.length + " bytes, shorter than its header)";
    }
    long size = (b[2] & 0xFFL) | (b[3] & 0xFFL) << 8 | (b[4] & 0xFFL) << 16 | (b[5] & 0xFFL) << 24;
    long offset =
        (b[10] & 0xFFL) | (b[11] & 0xFFL) << 8 | (b[12] & 0xFFL) << 16 | (b[13] & 0xFFL) << 24;
    if (size > b.length || offset >= b.length) {
      return "a truncated BMP file (" + b.length + " bytes, its header says " + size + ")";
    }
    return null;
  }

  /** A WebP is a RIFF container whose header gives its size. */
  private static String webp(byte[] b) {
    if (b.length < 12) {
      return "a truncated WebP file (" + b.length + " bytes)";
    }
    long size = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16 | (b[7] & 0xFFL) << 24;
    if (size + 8 > b.length) {
      return "a truncated WebP file (" + b.length + " bytes, its header says " + (size + 8) + ")";
    }
    return null;
  }
}
