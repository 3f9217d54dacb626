package dev.handwritten.mnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path tmp;

  @Test
  void readImages_realMnistTestFile_hasTenThousand28x28Images() throws IOException {
    IdxImages images =
        IdxReader.readImages(TestData.mnistDir().resolve("t10k-images-idx3-ubyte.gz"));
    assertEquals(10_000, images.count());
    assertEquals(28, images.rows());
    assertEquals(28, images.cols());
    assertEquals(10_000 * 28 * 28, images.pixels().length);
    // The first test image (a 7) starts its first stroke on row 7: pixels 84, 185, 159 from col 6.
    byte[] p = images.pixels();
    assertEquals(0, p[7 * 28 + 5]);
    assertEquals(84, p[7 * 28 + 6] & 0xFF);
    assertEquals(185, p[7 * 28 + 7] & 0xFF);
    assertEquals(159, p[7 * 28 + 8] & 0xFF);
  }

  @Test
  void readLabels_realMnistTestFile_startsWith7210() throws IOException {
    int[] labels = IdxReader.readLabels(TestData.mnistDir().resolve("t10k-labels-idx1-ubyte.gz"));
    assertEquals(10_000, labels.length);
    assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(labels, 10));
  }

  @Test
  void readLabels_rawFile_readsTheSameAsItsGzip() throws IOException {
    Path gz = TestData.mnistDir().resolve("t10k-labels-idx1-ubyte.gz");
    Path raw = tmp.resolve("t10k-labels-idx1-ubyte");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      Files.copy(in, raw);
    }
    assertArrayEquals(IdxReader.readLabels(gz), IdxReader.readLabels(raw));
  }

  @Test
  void readImages_detectsGzipByContentNotByName() throws IOException {
    byte[] raw = TestData.images(2, 3, 4);
    // Deliberately misleading names: the reader must look at the bytes.
    Path gzipped = TestData.write(tmp, "images.raw", TestData.gzip(raw));
    Path plain = TestData.write(tmp, "images.gz", raw);
    for (Path file : new Path[] {gzipped, plain}) {
      IdxImages images = IdxReader.readImages(file);
      assertEquals(2, images.count());
      assertEquals(3, images.rows());
      assertEquals(4, images.cols());
      assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), images.pixels());
    }
  }

  @Test
  void readLabels_returnsUnsignedValues() throws IOException {
    Path file = TestData.write(tmp, "labels", TestData.labels(0, 9, 128, 255));
    assertArrayEquals(new int[] {0, 9, 128, 255}, IdxReader.readLabels(file));
  }

  @Test
  void readImages_rejectsTheLabelsFile_andAsksWhetherItWasSwapped() throws IOException {
    Path file = TestData.write(tmp, "train-labels-idx1-ubyte.gz", gzip(TestData.labels(1, 2)));
    assertMessage(
        "IdxReader: train-labels-idx1-ubyte.gz: magic 0x00000801, expected 0x00000803 (images);"
            + " is this the labels file?",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readLabels_rejectsTheImagesFile_andAsksWhetherItWasSwapped() throws IOException {
    Path file = TestData.write(tmp, "images", TestData.images(1, 2, 2));
    assertMessage(
        "IdxReader: images: magic 0x00000803, expected 0x00000801 (labels);"
            + " is this the images file?",
        () -> IdxReader.readLabels(file));
  }

  @Test
  void readImages_rejectsAnIdxFileOfFloats_namingItsType() throws IOException {
    Path file =
        TestData.write(tmp, "x", TestData.idx(0x00000d03, new int[] {1, 1, 1}, new byte[4]));
    assertMessage(
        "IdxReader: x: magic 0x00000d03, expected 0x00000803 (images);"
            + " this IDX file holds 32-bit floats (type 0x0d), expected unsigned bytes (type 0x08)",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_rejectsATwoDimensionalIdxFile_namingTheDimensions() throws IOException {
    Path file = TestData.write(tmp, "x", TestData.idx(0x00000802, new int[] {2, 3}, new byte[6]));
    assertMessage(
        "IdxReader: x: magic 0x00000802, expected 0x00000803 (images);"
            + " this IDX file has 2 dimensions, expected 3 (count, rows, columns) for images",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readLabels_rejectsATwoDimensionalIdxFile_namingTheDimensions() throws IOException {
    Path file = TestData.write(tmp, "x", TestData.idx(0x00000802, new int[] {2, 3}, new byte[6]));
    assertMessage(
        "IdxReader: x: magic 0x00000802, expected 0x00000801 (labels);"
            + " this IDX file has 2 dimensions, expected 1 (count) for labels",
        () -> IdxReader.readLabels(file));
  }

  @Test
  void readImages_rejectsAFileThatIsNotIdx() throws IOException {
    Path file = TestData.write(tmp, "x", "PK\3\4 a zip file, say".getBytes());
    assertMessage(
        "IdxReader: x: magic 0x504b0304, expected 0x00000803 (images);"
            + " this is not an IDX file (its first two bytes are not 0)",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_recognisesAnHtmlErrorPage() throws IOException {
    Path file = TestData.write(tmp, "x.gz", "<!DOCTYPE html><p>Not Found</p>".getBytes());
    assertMessage(
        "IdxReader: x.gz: magic 0x3c21444f, expected 0x00000803 (images);"
            + " this looks like an HTML or XML page, perhaps a download error page",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_rejectsAZeroDimension() throws IOException {
    Path file = TestData.write(tmp, "x", TestData.idx(0x803, new int[] {2, 0, 28}, new byte[0]));
    assertMessage(
        "IdxReader: x: expected rows >= 1, got 0; the header is damaged, download again",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_rejectsAHeaderPromisingMoreThanAnArrayHolds() throws IOException {
    Path file =
        TestData.write(tmp, "x", TestData.idx(0x803, new int[] {60_000, 1000, 1000}, new byte[0]));
    assertMessage(
        "IdxReader: x: header promises 60000000016 bytes, expected at most 2147483655;"
            + " the header is damaged, download again",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_truncatedRawFile_namesTheByteAndThePromise() throws IOException {
    // 2 images of 2x2: 16 header bytes + 8 pixels = 24 bytes; keep 20.
    Path file = TestData.write(tmp, "x", Arrays.copyOf(TestData.images(2, 2, 2), 20));
    assertMessage(
        "IdxReader: x: truncated at byte 20: header promises 24 bytes;"
            + " the file is incomplete, download it again",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_rawHeaderClaimingBillionsOfPixels_isRefusedByTheFileLength() throws IOException {
    // 60,000 images of 28,000 x 1 pixels: 1.68 GB promised by a 16-byte file; nothing allocated.
    Path file =
        TestData.write(tmp, "x", TestData.idx(0x803, new int[] {60_000, 28_000, 1}, new byte[0]));
    assertMessage(
        "IdxReader: x: truncated at byte 16: header promises 1680000016 bytes;"
            + " the file is incomplete, download it again",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_gzipHeaderClaimingMoreThanGzipCanHold_isRefused() throws IOException {
    byte[] gz = gzip(TestData.idx(0x803, new int[] {1000, 1000, 1000}, new byte[8]));
    Path file = TestData.write(tmp, "x.gz", gz);
    assertMessage(
        "IdxReader: x.gz: header promises 1000000016 bytes, more than a gzip file of "
            + gz.length
            + " bytes can hold; the header is damaged, download again",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readLabels_gzipBombAfterTheLabels_isNotInflatedToItsEnd() throws IOException {
    // Three labels, then 64 MB of zeros that deflate squeezes into about 64 KB: the reader stops
    // counting the excess after a megabyte instead of inflating all of it.
    byte[] bomb = Arrays.copyOf(TestData.labels(1, 2, 3), 11 + (64 << 20));
    Path file = TestData.write(tmp, "x.gz", gzip(bomb));
    assertMessage(
        "IdxReader: x.gz: expected 11 bytes as the header promises, got more than 1048576 more"
            + " after them; the header or the file is damaged",
        () -> IdxReader.readLabels(file));
  }

  @Test
  void readImages_truncatedInsideTheHeader() throws IOException {
    Path file = TestData.write(tmp, "x", Arrays.copyOf(TestData.images(2, 2, 2), 10));
    assertMessage(
        "IdxReader: x: truncated at byte 10: the header needs 16 bytes;"
            + " the file is incomplete, download it again",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_truncatedGzipFile_isReportedAsTruncated() throws IOException {
    byte[] gz = TestData.gzip(TestData.images(100, 28, 28));
    Path file = TestData.write(tmp, "x.gz", Arrays.copyOf(gz, gz.length / 2));
    IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(file));
    assertTrue(
        e.getMessage()
            .matches(
                "IdxReader: x\\.gz: truncated at byte \\d+ of the decompressed data:"
                    + " header promises 78416 bytes; the file is incomplete, download it again"),
        e.getMessage());
  }

  @Test
  void readLabels_rejectsTrailingBytes() throws IOException {
    byte[] labels = TestData.labels(1, 2, 3);
    Path file = TestData.write(tmp, "x", Arrays.copyOf(labels, labels.length + 5));
    assertMessage(
        "IdxReader: x: expected 11 bytes as the header promises, got 5 more after them;"
            + " the header or the file is damaged",
        () -> IdxReader.readLabels(file));
  }

  @Test
  void readLabels_rejectsTrailingBytesInsideGzip() throws IOException {
    byte[] labels = TestData.labels(1, 2, 3);
    Path file = TestData.write(tmp, "x.gz", gzip(Arrays.copyOf(labels, labels.length + 1)));
    assertMessage(
        "IdxReader: x.gz: expected 11 bytes as the header promises, got 1 more after them;"
            + " the header or the file is damaged",
        () -> IdxReader.readLabels(file));
  }

  @Test
  void readImages_corruptGzipTrailer_isACorruptStream() throws IOException {
    byte[] gz = TestData.gzip(TestData.images(2, 2, 2));
    gz[gz.length - 8] ^= 0x55; // the CRC-32 of the decompressed data
    Path file = TestData.write(tmp, "x.gz", gz);
    assertMessage(
        "IdxReader: x.gz: corrupt gzip stream at byte 24 of the decompressed data"
            + " (Corrupt GZIP trailer); download the file again",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_corruptDeflateData_isACorruptStream() throws IOException {
    byte[] gz = TestData.gzip(TestData.images(50, 28, 28));
    Arrays.fill(gz, 20, 60, (byte) 0xff);
    Path file = TestData.write(tmp, "x.gz", gz);
    IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(file));
    assertTrue(
        e.getMessage().startsWith("IdxReader: x.gz: corrupt gzip stream at byte "), e.getMessage());
  }

  @Test
  void readImages_corruptGzipHeader() throws IOException {
    Path file = TestData.write(tmp, "x.gz", new byte[] {0x1f, (byte) 0x8b, 99, 0, 0});
    IOException e = assertThrows(IOException.class, () -> IdxReader.readImages(file));
    assertTrue(e.getMessage().startsWith("IdxReader: x.gz: corrupt gzip header ("), e.getMessage());
  }

  @Test
  void readImages_missingFile_namesTheFullPath() {
    Path file = tmp.resolve("nope.gz");
    assertMessage(
        "IdxReader: nope.gz: expected a file at " + file.toAbsolutePath() + ", got none",
        () -> IdxReader.readImages(file));
  }

  @Test
  void readImages_aFolderWhereTheFileShouldBe_saysSo() throws IOException {
    Path folder = Files.createDirectory(tmp.resolve("train-images-idx3-ubyte.gz"));
    assertMessage(
        "IdxReader: train-images-idx3-ubyte.gz: expected an IDX file at "
            + folder.toAbsolutePath()
            + ", got a folder; point to the file itself, or --data to the folder that holds the"
            + " four files",
        () -> IdxReader.readImages(folder));
  }

  @Test
  void idxImages_rejectsAPixelArrayOfTheWrongLength() {
    var e = assertThrows(IllegalArgumentException.class, () -> new IdxImages(2, 2, 2, new byte[7]));
    assertEquals("IdxImages: expected 2 x 2 x 2 = 8 pixels, got 7", e.getMessage());
  }

  private static byte[] gzip(byte[] raw) {
    return TestData.gzip(raw);
  }

  private interface Read {
    void run() throws IOException;
  }

  private static void assertMessage(String expected, Read read) {
    IOException e = assertThrows(IOException.class, read::run);
    assertEquals(expected, e.getMessage());
  }
}
