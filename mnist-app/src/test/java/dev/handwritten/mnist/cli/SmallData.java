package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.data.IdxImages;
import dev.handwritten.mnist.data.IdxReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small data folders for command-line tests, written as raw IDX files with MNIST's names. */
final class SmallData {
  private SmallData() {}

  /** The first {@code train} training and {@code test} test images of MNIST, in {@code dir}. */
  static Path mnistSubset(Path mnist, Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    for (String split : new String[] {"train", "t10k"}) {
      int count = split.equals("train") ? train : test;
      IdxImages images = IdxReader.readImages(mnist.resolve(split + "-images-idx3-ubyte.gz"));
      int[] labels = IdxReader.readLabels(mnist.resolve(split + "-labels-idx1-ubyte.gz"));
      byte[] pixels = Arrays.copyOf(images.pixels(), count * images.rows() * images.cols());
      Files.write(
          dir.resolve(split + "-images-idx3-ubyte"),
          images(count, images.rows(), images.cols(), pixels));
      Files.write(dir.resolve(split + "-labels-idx1-ubyte"), labels(Arrays.copyOf(labels, count)));
    }
    return dir;
  }

  /** An IDX image file: magic 0x803, count, rows, columns, then the pixels. */
  static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length)
        .putInt(0x803)
        .putInt(count)
        .putInt(rows)
        .putInt(cols)
        .put(pixels)
        .array();
  }

  /** An IDX label file: magic 0x801, count, then one byte per label. */
  static byte[] labels(int[] labels) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length);
    for (int label : labels) {
      buffer.put((byte) label);
    }
    return buffer.array();
  }
}
