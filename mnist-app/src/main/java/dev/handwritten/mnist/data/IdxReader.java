package dev.handwritten.mnist.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * ignored. The promise is checked against the file's length before anything is allocated (a gzip
 * file against the most that deflate can expand it to), so a damaged or hostile header claiming
 * billions of pixels fails at once, and a gzip bomb is never inflated past what the header
 * promised. Every failure is one {@link IOException} whose message starts with {@code "IdxReader:
 * <file name>: "}.
 */
public final class IdxReader {
  /** Unsigned bytes ({@code 0x08}) in three dimensions: count, rows, columns. */
  static final int IMAGES_MAGIC = 0x00000803;

  /** Unsigned bytes ({@code 0x08}) in one dimension: count. */
  static final int LABELS_MAGIC = 0x00000801;

  /* The largest array most JVMs will allocate; a header promising more is damaged or not MNIST. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  /* Deflate's densest output: 258 bytes from 2 bits, about 1032:1; more is not a gzip file's. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  /* Trailing bytes are counted up to this many, then reported as "more than". */
  private static final long MAX_EXTRA_COUNTED = 1 << 20;

  private IdxReader() {}

  /**
   * Reads an image file (magic {@code 0x00000803}).
   *
   * @param file gzipped or raw
   * @return the images, {@code count x rows x cols} unsigned bytes
   * @throws IOException if the file is missing, a folder or unreadable, has the wrong magic, a
   *     dimension below 1, fewer or more bytes than its header promises, or a corrupt gzip stream
   */
  public static IdxImages readImages(Path file) throws IOException {
    try (InputStream in = open(file)) {
      return readImages(String.valueOf(file.getFileName()), in, Files.size(file));
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
    try (InputStream in = open(file)) {
      return readLabels(String.valueOf(file.getFileName()), in, Files.size(file));
    }
  }

  /**
   * As {@link #readImages(Path)}, from a stream of {@code fileLength} bytes named {@code name} in
   * messages: the one place the bytes are checked, and what the fuzz tests drive.
   */
  static IdxImages readImages(String name, InputStream file, long fileLength) throws IOException {
    try (IdxInput in = IdxInput.open(name, file, fileLength, IMAGES_MAGIC)) {
      int count = in.dimension("image count");
      int rows = in.dimension("rows");
      int cols = in.dimension("columns");
      byte[] pixels = in.payload((long) count * rows * cols);
      return new IdxImages(count, rows, cols, pixels);
    }
  }

  /**
   * As {@link #readLabels(Path)}, from a stream; see {@link #readImages(String, InputStream,
   * long)}.
   */
  static int[] readLabels(String name, InputStream file, long fileLength) throws IOException {
    try (IdxInput in = IdxInput.open(name, file, fileLength, LABELS_MAGIC)) {
      int count = in.dimension("label count");
      byte[] bytes = in.payload(count);
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xFF;
      }
      return labels;
    }
  }

  /** Opens a file for reading, or says in this reader's words why it cannot be read. */
  private static InputStream open(Path file) throws IOException {
    String name = String.valueOf(file.getFileName());
    if (Files.isDirectory(file)) {
      throw new IOException(
          "IdxReader: "
              + name
              + ": expected an IDX file at "
              + file.toAbsolutePath()
              + ", got a folder; point to the file itself, or --data to the folder that holds the"
              + " four files");
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "IdxReader: " + name + ": expected a file at " + file.toAbsolutePath() + ", got none", e);
    } catch (IOException e) {
      throw new IOException("IdxReader: " + name + ": cannot open " + file + " (" + e + ")", e);
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
    private final long fileLength;
    private final int headerBytes;
    private long promisedBytes = -1;

    private IdxInput(
        String name, boolean gzipped, long fileLength, InputStream decompressed, int headerBytes) {
      this.name = name;
      this.gzipped = gzipped;
      this.fileLength = fileLength;
      this.counted = new CountingInputStream(decompressed);
      this.in = new DataInputStream(counted);
      this.headerBytes = headerBytes;
    }

    static IdxInput open(String name, InputStream file, long fileLength, int magic)
        throws IOException {
      InputStream raw = new BufferedInputStream(file, 1 << 16);
      InputStream decompressed = raw;
      try {
        boolean gzipped;
        try {
          raw.mark(2);
          gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
          raw.reset();
        } catch (IOException e) {
          throw new IOException("IdxReader: " + name + ": cannot read it (" + e + ")", e);
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
        IdxInput idx =
            new IdxInput(name, gzipped, fileLength, decompressed, 4 + 4 * (magic & 0xFF));
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
      } else if ((magic >>> 16) != 0) {
        hint = "this is not an IDX file (its first two bytes are not 0)";
      } else if (((magic >>> 8) & 0xFF) != 0x08) {
        hint =
            String.format(
                "this IDX file holds %s, expected unsigned bytes (type 0x08)",
                typeName((magic >>> 8) & 0xFF));
      } else {
        int dims = magic & 0xFF;
        hint =
            "this IDX file has "
                + dims
                + (dims == 1 ? " dimension" : " dimensions")
                + ", expected "
                + (expected == IMAGES_MAGIC
                    ? "3 (count, rows, columns) for images"
                    : "1 (count) for labels");
      }
      throw error(
          String.format(
              "magic 0x%08x, expected 0x%08x (%s); %s",
              magic, expected, expected == IMAGES_MAGIC ? "images" : "labels", hint));
    }

    /** The IDX value types, by their magic byte. */
    private static String typeName(int type) {
      return switch (type) {
        case 0x09 -> "signed bytes (type 0x09)";
        case 0x0B -> "16-bit integers (type 0x0b)";
        case 0x0C -> "32-bit integers (type 0x0c)";
        case 0x0D -> "32-bit floats (type 0x0d)";
        case 0x0E -> "64-bit floats (type 0x0e)";
        default -> String.format("an unknown type 0x%02x", type);
      };
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

    /**
     * Reads the {@code size} bytes after the header and checks that nothing follows them. The size
     * is checked against the file before anything is allocated: a raw file must be exactly as long
     * as its header says, and a gzip file cannot hold more than deflate's densest ratio allows, so
     * a lying header or a gzip bomb is refused instead of filling memory.
     */
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
      if (!gzipped && fileLength < promisedBytes) {
        throw error(
            "truncated at byte "
                + fileLength
                + ": header promises "
                + promisedBytes
                + " bytes; the file is incomplete, download it again");
      }
      if (!gzipped && fileLength > promisedBytes) {
        throw trailing(fileLength - promisedBytes);
      }
      if (gzipped && promisedBytes > MAX_DEFLATE_RATIO * fileLength + headerBytes) {
        throw error(
            "header promises "
                + promisedBytes
                + " bytes, more than a gzip file of "
                + fileLength
                + " bytes can hold; the header is damaged, download again");
      }
      long memory = Runtime.getRuntime().maxMemory();
      if (size > memory / 2) {
        throw error(
            String.format(
                "header promises %,d bytes, more than half of this JVM's memory (%,d bytes);"
                    + " give it more with -Xmx, or check the file",
                promisedBytes, memory));
      }
      // readNBytes grows its buffer as bytes arrive, so memory follows the bytes really there.
      byte[] bytes = guard(() -> in.readNBytes((int) size));
      if (bytes.length < size) {
        throw truncated();
      }
      // Bounded: a gzip bomb after the promised bytes is not inflated to its end.
      long extra = guard(() -> countUpTo(in, MAX_EXTRA_COUNTED + 1));
      if (extra > 0) {
        throw trailing(extra);
      }
      return bytes;
    }

    private IOException trailing(long extra) {
      return error(
          "expected "
              + promisedBytes
              + " bytes as the header promises, got "
              + (extra > MAX_EXTRA_COUNTED ? "more than " + MAX_EXTRA_COUNTED : extra)
              + " more after them; the header or the file is damaged");
    }

    /** Reads and discards up to {@code limit} bytes; returns how many there were. */
    private static long countUpTo(InputStream in, long limit) throws IOException {
      byte[] sink = new byte[8192];
      long count = 0;
      while (count < limit) {
        int n = in.read(sink, 0, (int) Math.min(sink.length, limit - count));
        if (n < 0) {
          break;
        }
        count += n;
      }
      return count;
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
