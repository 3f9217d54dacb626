package dev.handwritten.mnist.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (the magic number,
 * then one int32 per dimension) followed by unsigned bytes, row-major. Gzip is recognised by its
 * magic bytes {@code 1f 8b}, not by the file name, so a {@code .gz} file and its decompressed twin
 * read the same.
 *
 * <pre>{@code
 * IdxImages images = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
 * int[] labels = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
 * }</pre>
 *
 * <p>The file must hold exactly the bytes its header promises: a short file is a cut-off download
 * and a long one is not the file it claims to be, so both are errors rather than silently padded or
 * ignored. Every failure is one {@link IOException} whose message starts with {@code "IdxReader:
 * <file name>: "}.
 */
public final class IdxReader {
  /** Unsigned bytes ({@code 0x08}) in three dimensions: count, rows, columns. */
  static final int IMAGES_MAGIC = 0x00000803;

  /** Unsigned bytes ({@code 0x08}) in one dimension: count. */
  static final int LABELS_MAGIC = 0x00000801;

  /* The largest array most JVMs will allocate; a header promising more is damaged or not MNIST. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /**
   * Reads an image file (magic {@code 0x00000803}).
   *
   * @param file gzipped or raw
   * @return the images, {@code count x rows x cols} unsigned bytes
   * @throws IOException if the file is missing or unreadable, has the wrong magic, a dimension
   *     below 1, fewer or more bytes than its header promises, or a corrupt gzip stream
   */
  public static IdxImages readImages(Path file) throws IOException {
    try (IdxInput in = IdxInput.open(file, IMAGES_MAGIC)) {
      int count = in.dimension("image count");
      int rows = in.dimension("rows");
      int cols = in.dimension("columns");
      byte[] pixels = in.payload((long) count * rows * cols);
      return new IdxImages(count, rows, cols, pixels);
    }
  }

  /**
   * Reads a label file (magic {@code 0x00000801}).
   *
   * @param file gzipped or raw
   * @return one label per item, each 0..255 (the bytes are unsigned); {@link DataSet#load} checks
   *     the range a classifier needs
   * @throws IOException as {@link #readImages}
   */
  public static int[] readLabels(Path file) throws IOException {
    try (IdxInput in = IdxInput.open(file, LABELS_MAGIC)) {
      int count = in.dimension("label count");
      byte[] bytes = in.payload(count);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xFF;
      }
      return labels;
    }
  }

  /**
   * The decompressed bytes of one IDX file, with a running position so that every failure, wherever
   * it happens, can say at which byte it happened. All I/O goes through {@link #guard}, which turns
   * low-level exceptions into one message format.
   */
  private static final class IdxInput implements Closeable {
    private final String name;
    private final boolean gzipped;
    private final CountingInputStream counted;
    private final DataInputStream in;
    private final int headerBytes;
    private long promisedBytes = -1;

    private IdxInput(String name, boolean gzipped, InputStream decompressed, int headerBytes) {
      this.name = name;
      this.gzipped = gzipped;
      this.counted = new CountingInputStream(decompressed);
      this.in = new DataInputStream(counted);
      this.headerBytes = headerBytes;
    }

    static IdxInput open(Path file, int magic) throws IOException {
      String name = String.valueOf(file.getFileName());
      InputStream raw;
      try {
        raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      } catch (NoSuchFileException e) {
        throw new IOException(
            "IdxReader: " + name + ": expected a file at " + file.toAbsolutePath() + ", got none",
            e);
      } catch (IOException e) {
        throw new IOException("IdxReader: " + name + ": cannot open " + file + " (" + e + ")", e);
      }
      InputStream decompressed = raw;
      try {
        boolean gzipped;
        try {
          raw.mark(2);
          gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
          raw.reset();
        } catch (IOException e) {
          throw new IOException("IdxReader: " + name + ": cannot read " + file + " (" + e + ")", e);
        }
        if (gzipped) {
          try {
            decompressed = new GZIPInputStream(raw, 1 << 16);
          } catch (IOException e) {
            throw new IOException(
                "IdxReader: " + name + ": corrupt gzip header (" + e + "); download the file again",
                e);
          }
        }
        IdxInput idx = new IdxInput(name, gzipped, decompressed, 4 + 4 * (magic & 0xFF));
        idx.requireMagic(magic);
        return idx;
      } catch (IOException | RuntimeException e) {
        decompressed.close();
        throw e;
      }
    }

    private void requireMagic(int expected) throws IOException {
      int magic = guard(in::readInt);
      if (magic == expected) {
        return;
      }
      String hint;
      if (expected == IMAGES_MAGIC && magic == LABELS_MAGIC) {
        hint = "is this the labels file?";
      } else if (expected == LABELS_MAGIC && magic == IMAGES_MAGIC) {
        hint = "is this the images file?";
      } else if ((magic >>> 24) == '<') {
        hint = "this looks like an HTML or XML page, perhaps a download error page";
      } else {
        hint = "this is not an IDX file of unsigned bytes";
      }
      throw error(
          String.format(
              "magic 0x%08x, expected 0x%08x (%s); %s",
              magic, expected, expected == IMAGES_MAGIC ? "images" : "labels", hint));
    }

    /** Reads one header dimension, which must be at least 1. */
    int dimension(String what) throws IOException {
      int value = guard(in::readInt);
      if (value < 1) {
        throw error(
            "expected " + what + " >= 1, got " + value + "; the header is damaged, download again");
      }
      return value;
    }

    /** Reads the {@code size} bytes after the header and checks that nothing follows them. */
    byte[] payload(long size) throws IOException {
      promisedBytes = headerBytes + size;
      if (size > MAX_ARRAY) {
        throw error(
            "header promises "
                + promisedBytes
                + " bytes, expected at most "
                + (headerBytes + (long) MAX_ARRAY)
                + "; the header is damaged, download again");
      }
      // readNBytes grows its buffer as bytes arrive, so a lying header cannot allocate gigabytes.
      byte[] bytes = guard(() -> in.readNBytes((int) size));
      if (bytes.length < size) {
        throw truncated();
      }
      long extra = guard(() -> in.transferTo(OutputStream.nullOutputStream()));
      if (extra > 0) {
        throw error(
            "expected "
                + promisedBytes
                + " bytes as the header promises, got "
                + extra
                + " more after them; the header or the file is damaged");
      }
      return bytes;
    }

    private interface IoAction<T> {
      T run() throws IOException;
    }

    /** Runs one read and turns the ways it can fail into this reader's messages. */
    private <T> T guard(IoAction<T> action) throws IOException {
      try {
        return action.run();
      } catch (ZipException e) {
        throw error(
            "corrupt gzip stream at byte "
                + counted.count
                + " of the decompressed data ("
                + e.getMessage()
                + "); download the file again",
            e);
      } catch (EOFException e) {
        // DataInputStream at the end of a raw file, or the inflater at the end of a cut gzip file.
        throw truncated();
      } catch (IOException e) {
        throw error("read failed at byte " + counted.count + " (" + e + ")", e);
      }
    }

    private IOException truncated() {
      String promise =
          promisedBytes < 0
              ? "the header needs " + headerBytes + " bytes"
              : "header promises " + promisedBytes + " bytes";
      return error(
          "truncated at byte "
              + counted.count
              + (gzipped ? " of the decompressed data" : "")
              + ": "
              + promise
              + "; the file is incomplete, download it again");
    }

    private IOException error(String detail) {
      return new IOException("IdxReader: " + name + ": " + detail);
    }

    private IOException error(String detail, Throwable cause) {
      return new IOException("IdxReader: " + name + ": " + detail, cause);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Counts the bytes it hands out: the position in the IDX content, for error messages. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
