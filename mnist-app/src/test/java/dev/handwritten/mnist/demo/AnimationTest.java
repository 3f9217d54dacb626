package dev.handwritten.mnist.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GIF and MP4 files the demo writes, read back by independent decoders. */
class AnimationTest {
  @TempDir Path dir;

  /** A white 64 x 48 frame with a square of colour at (x, 10). */
  private static BufferedImage frame(int x, Color colour) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 64, 48);
    g.setColor(colour);
    g.fillRect(x, 10, 12, 12);
    g.dispose();
    return image;
  }

  @Test
  void gif_storesChangedRectangles_foldsRepeats_andDecodesToTheFrames() throws IOException {
    Path gif = dir.resolve("a.gif");
    List<BufferedImage> frames =
        List.of(
            frame(4, Color.BLACK),
            frame(20, Color.BLACK),
            frame(20, Color.BLACK),
            frame(40, Color.RED));
    try (Animation out = Animation.open(gif, 64, 48)) {
      out.frame(frames.get(0), 10);
      out.frame(frames.get(1), 20);
      out.frame(frames.get(2), 30); // the same picture: the one before is shown longer
      out.frame(frames.get(3), 40);
    }
    List<String> delays = new ArrayList<>();
    List<int[]> rectangles = new ArrayList<>();
    BufferedImage screen = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertEquals(3, reader.getNumImages(true));
      for (int i = 0; i < 3; i++) {
        IIOMetadataNode root =
            (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
        IIOMetadataNode d = (IIOMetadataNode) root.getElementsByTagName("ImageDescriptor").item(0);
        IIOMetadataNode c =
            (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
        delays.add(c.getAttribute("delayTime"));
        int[] r = {
          Integer.parseInt(d.getAttribute("imageLeftPosition")),
          Integer.parseInt(d.getAttribute("imageTopPosition")),
          Integer.parseInt(d.getAttribute("imageWidth")),
          Integer.parseInt(d.getAttribute("imageHeight"))
        };
        rectangles.add(r);
        if (i == 0) {
          assertTrue(
              root.getElementsByTagName("ApplicationExtension").getLength() == 1,
              "the first frame says: loop forever");
        }
        screen.getGraphics().drawImage(reader.read(i), r[0], r[1], null);
        // What is on screen after each frame is that frame, to the palette's precision.
        assertSamePicture(frames.get(i == 2 ? 3 : i), screen);
      }
      reader.dispose();
    }
    assertEquals(List.of("10", "50", "40"), delays);
    assertArrayEquals(new int[] {0, 0, 64, 48}, rectangles.get(0));
    // The square moved from x = 4 to 20: only the columns it left or covered changed.
    assertArrayEquals(new int[] {4, 10, 28, 12}, rectangles.get(1));
  }

  private static void assertSamePicture(BufferedImage expected, BufferedImage actual) {
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        Color e = new Color(expected.getRGB(x, y));
        Color a = new Color(actual.getRGB(x, y));
        assertTrue(
            Math.abs(e.getRed() - a.getRed())
                    + Math.abs(e.getGreen() - a.getGreen())
                    + Math.abs(e.getBlue() - a.getBlue())
                < 30,
            "pixel (" + x + ", " + y + "): " + e + " became " + a);
      }
    }
  }

  @Test
  void mp4_isH264_thatJcodecDecodes_atTenFramesASecond() throws Exception {
    Path mp4 = dir.resolve("a.mp4");
    try (Animation out = Animation.open(mp4, 64, 48)) {
      out.frame(frame(4, Color.BLACK), 10);
      out.frame(frame(40, Color.RED), 30); // three frames of video
    }
    FrameGrab grab = FrameGrab.createFrameGrab(NIOUtils.readableChannel(mp4.toFile()));
    assertEquals(4, grab.getVideoTrack().getMeta().getTotalFrames());
    assertEquals(0.4, grab.getVideoTrack().getMeta().getTotalDuration(), 1e-9);
    grab.seekToFramePrecise(3);
    BufferedImage last = AWTUtil.toBufferedImage(grab.getNativeFrame());
    Color square = new Color(last.getRGB(46, 16));
    assertTrue(square.getRed() > 180 && square.getGreen() < 90, "red square: " + square);
    assertTrue(new Color(last.getRGB(10, 16)).getRed() > 200, "white where the square left");
  }

  @Test
  void otherExtensions_areRefused_andAnAbandonedFileLeavesNothing() throws IOException {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Animation.open(dir.resolve("a.webm"), 64, 48));
    assertEquals("expected --out to name a .gif or an .mp4 file, got a.webm", e.getMessage());

    Animation gif = Animation.open(dir.resolve("b.gif"), 64, 48);
    gif.frame(frame(4, Color.BLACK), 10);
    gif.abandon();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
    assertFalse(Files.exists(dir.resolve("b.gif")));
  }
}
