package dev.handwritten.mnist.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first stage: bytes to oriented pixels, and a clear refusal of what cannot be read. */
class PictureDecoderTest {
  @TempDir Path dir;

  /** A picture whose left half is black and right half white, so its orientation shows. */
  static BufferedImage halves(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, x < width / 2 ? 0 : 0xFFFFFF);
      }
    }
    return image;
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out), format);
    return out.toByteArray();
  }

  @Test
  void readsPngJpegGifAndBmp_atTheirSize() throws IOException {
    for (String format : new String[] {"png", "jpg", "gif", "bmp"}) {
      PictureDecoder.Picture p =
          PictureDecoder.decode(encode(halves(40, 30), format), "a." + format, 1_000_000);
      assertEquals(40, p.width(), format);
      assertEquals(30, p.height(), format);
      assertEquals(1.0, p.scale(), format);
      assertEquals(BufferedImage.TYPE_INT_RGB, p.image().getType());
      assertTrue((p.image().getRGB(5, 15) & 0xFF) < 40, format + ": left is black");
      assertTrue((p.image().getRGB(35, 15) & 0xFF) > 215, format + ": right is white");
    }
  }

  @Test
  void readsWebp() throws IOException {
    // A 4 x 2 lossless WebP, left half black, right half white, made with Pillow.
    byte[] webp =
        java.util.Base64.getDecoder()
            .decode("UklGRiAAAABXRUJQVlA4TBMAAAAvA0AAAA8w//M///MfeChDRP8DAA==");
    PictureDecoder.Picture p = PictureDecoder.decode(webp, "a.webp", 1_000);
    assertEquals("webp", p.format());
    assertEquals(4, p.width());
    assertTrue((p.image().getRGB(0, 0) & 0xFF) < 40);
    assertTrue((p.image().getRGB(3, 1) & 0xFF) > 215);
  }

  @Test
  void greyPngs_keepTheirShades() throws IOException {
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 128);
    PictureDecoder.Picture p = PictureDecoder.decode(encode(grey, "png"), "g.png", 100);
    assertEquals(128, p.image().getRGB(0, 0) & 0xFF, "not lightened by a colour conversion");
  }

  @Test
  void theExifOrientation_turnsThePhotoUpright() throws IOException {
    // Stored 40 x 30 with the black half on the left; orientation 6 means "turn a quarter
    // clockwise to view", so it shows 30 x 40 with the black half on top.
    byte[] jpeg = withExifOrientation(encode(halves(40, 30), "jpg"), 6);
    PictureDecoder.Picture p = PictureDecoder.decode(jpeg, "phone.jpg", 1_000_000);
    assertEquals(30, p.width());
    assertEquals(40, p.height());
    assertTrue((p.image().getRGB(15, 5) & 0xFF) < 40, "top is black");
    assertTrue((p.image().getRGB(15, 35) & 0xFF) > 215, "bottom is white");
    assertEquals(3, PictureDecoder.exifOrientation(withExifOrientation(jpeg, 3)));
  }

  @Test
  void aPictureOverThePixelLimit_isRefusedFromItsHeader_beforeDecoding() throws IOException {
    // A "PNG bomb": a header that promises 30,000 x 30,000 pixels and almost no data.
    byte[] bomb = pngHeaderOnly(30_000, 30_000);
    IOException e =
        assertThrows(
            IOException.class,
            () -> PictureDecoder.decode(bomb, "bomb.png", PictureDecoder.MAX_PIXELS));
    assertEquals(
        "bomb.png: 30,000 x 30,000 pixels (900 megapixels) is over the limit of 50 megapixels",
        e.getMessage());
  }

  @Test
  void bigPictures_areDecodedSubsampled_soMemoryStaysBounded() throws IOException {
    BufferedImage big = halves(4000, 3500); // 14 megapixels
    PictureDecoder.Picture p =
        PictureDecoder.decode(encode(big, "png"), "big.png", PictureDecoder.MAX_PIXELS);
    assertEquals(4000, p.width());
    assertEquals(3500, p.height());
    assertTrue(
        (long) p.image().getWidth() * p.image().getHeight() <= PictureDecoder.DECODED_PIXELS,
        p.image().getWidth() + " x " + p.image().getHeight());
    assertEquals(0.5, p.scale());
    assertEquals(2, PictureDecoder.subsampling(14_000_000));
    assertEquals(1, PictureDecoder.subsampling(12_000_000));
  }

  @Test
  void truncatedJpegAndPng_areErrors_notGuesses() throws IOException {
    BufferedImage picture = halves(200, 150);
    byte[] jpeg = encode(picture, "jpg");
    byte[] png = encode(picture, "png");
    IOException cutJpeg =
        assertThrows(
            IOException.class,
            () ->
                PictureDecoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg", 10_000_000));
    assertTrue(
        cutJpeg.getMessage().startsWith("cut.jpg: a truncated JPEG file"), cutJpeg.getMessage());
    IOException cutPng =
        assertThrows(
            IOException.class,
            () ->
                PictureDecoder.decode(Arrays.copyOf(png, png.length - 20), "cut.png", 10_000_000));
    assertTrue(
        cutPng.getMessage().startsWith("cut.png: a truncated PNG file"), cutPng.getMessage());
  }

  @Test
  void corruptData_isAnErrorNamingThePicture() throws IOException {
    byte[] png = encode(halves(64, 64), "png");
    // Scramble the compressed pixels but keep the header and the end marker.
    for (int i = 60; i < png.length - 20; i++) {
      png[i] ^= 0x5A;
    }
    IOException e =
        assertThrows(IOException.class, () -> PictureDecoder.decode(png, "bad.png", 10_000_000));
    assertTrue(e.getMessage().startsWith("bad.png: a corrupt png file ("), e.getMessage());
  }

  @Test
  void whatIsNotAPicture_isNamed() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a picture");
    IOException e = assertThrows(IOException.class, () -> PictureDecoder.decode(text, 1_000_000));
    assertEquals(
        text + ": not a picture this app can read (PNG, JPEG, GIF, BMP or WebP)", e.getMessage());
    IOException empty =
        assertThrows(IOException.class, () -> PictureDecoder.decode(new byte[0], "-", 100));
    assertEquals("-: empty, not a picture", empty.getMessage());
    IOException folder = assertThrows(IOException.class, () -> PictureDecoder.decode(dir, 100));
    assertEquals(dir + ": a folder, not a picture", folder.getMessage());
  }

  /** A PNG of just a header (and an end), claiming any size. */
  private static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12).order(ByteOrder.BIG_ENDIAN);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    byte[] ihdr =
        ByteBuffer.allocate(17)
            .put("IHDR".getBytes())
            .putInt(width)
            .putInt(height)
            .put((byte) 8)
            .put((byte) 2)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0)
            .array();
    b.putInt(13).put(ihdr).putInt(crc(ihdr));
    b.putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
    return b.array();
  }

  private static int crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  /** The JPEG with an EXIF block (APP1) whose only tag is the orientation. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    // TIFF, little-endian: header, one IFD with one entry (0x0112, SHORT, 1, value).
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1);
    tiff.putShort((short) 0x0112)
        .putShort((short) 3)
        .putInt(1)
        .putShort((short) orientation)
        .putShort((short) 0);
    tiff.putInt(0);
    byte[] body = tiff.array();
    int length = 2 + 6 + body.length;
    ByteBuffer app1 = ByteBuffer.allocate(2 + length).order(ByteOrder.BIG_ENDIAN);
    app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
    app1.put("Exif".getBytes()).put((byte) 0).put((byte) 0).put(body);
    // After SOI and the JFIF block (APP0), which must come first.
    int at = 2;
    if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
      at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
    }
    int rest = at;
    if ((jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == 0xE1) { // an EXIF block already
      rest = at + 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    byte[] out = new byte[at + app1.capacity() + jpeg.length - rest];
    System.arraycopy(jpeg, 0, out, 0, at);
    System.arraycopy(app1.array(), 0, out, at, app1.capacity());
    System.arraycopy(jpeg, rest, out, at + app1.capacity(), jpeg.length - rest);
    return out;
  }
}
