package dev.handwritten.mnist.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** The real data folders that Surefire passes in, and small IDX files built byte by byte. */
final class TestData {
  private TestData() {}

  /** The folder with the four MNIST files, from {@code -Dmnist.dir}. */
  static Path mnistDir() {
    return dir("mnist.dir");
  }

  /** The folder with the four Fashion-MNIST files, from {@code -Dfashion.dir}. */
  static Path fashionDir() {
    return dir("fashion.dir");
  }

  private static Path dir(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isDirectory(Path.of(value))) {
      throw new IllegalStateException(
          "TestData: expected system property "
              + property
              + " to name a data folder, got "
              + value
              + "; run the tests through Maven, which sets it");
    }
    return Path.of(value);
  }

  /** An IDX file: the big-endian magic and dimensions, then the payload as given. */
  static byte[] idx(int magic, int[] dims, byte[] payload) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    buffer.putInt(magic);
    for (int d : dims) {
      buffer.putInt(d);
    }
    return buffer.put(payload).array();
  }

  /** An image file whose pixel {@code p} (counting across all images) is {@code p % 256}. */
  static byte[] images(int count, int rows, int cols) {
    byte[] pixels = new byte[count * rows * cols];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = (byte) p;
    }
    return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pixels);
  }

  /** A label file with the given labels. */
  static byte[] labels(int... labels) {
    byte[] bytes = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      bytes[i] = (byte) labels[i];
    }
    return idx(IdxReader.LABELS_MAGIC, new int[] {labels.length}, bytes);
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The SHA-256 of some bytes, in lowercase hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
