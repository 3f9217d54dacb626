package dev.handwritten.mnist.demo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF through the JDK's ImageIO: a fixed palette ({@link Palette}), each frame after
 * the first stored as the rectangle that changed, drawn over the one before, and frames that change
 * nothing folded into the previous frame's time. Loops forever.
 */
final class GifAnimation implements Animation {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  private final TemporaryFile file;
  private final ImageOutputStream stream;
  private final ImageWriter writer;
  private final int width;
  private final int height;
  private byte[] shown; // the indices on screen after the frames written so far
  private byte[] pending; // the frame waiting for its time to be known
  private int[] pendingRect; // x, y, w, h of the change it makes
  private int pendingCentiseconds;
  private boolean first = true;
  private int frames;

  GifAnimation(Path target, int width, int height) throws IOException {
    this.file = new TemporaryFile(target);
    this.width = width;
    this.height = height;
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IOException("this Java has no GIF writer in ImageIO");
    }
    this.writer = writers.next();
    this.stream = ImageIO.createImageOutputStream(file.path().toFile());
    writer.setOutput(stream);
    writer.prepareWriteSequence(null);
  }

  /** How many frames the file holds, once closed (identical frames count once). */
  int frames() {
    return frames;
  }

  @Override
  public void frame(BufferedImage frame, int centiseconds) throws IOException {
    if (frame.getWidth() != width || frame.getHeight() != height) {
      throw new IllegalArgumentException(
          "GifAnimation: expected frames of "
              + width
              + " x "
              + height
              + ", got "
              + frame.getWidth()
              + " x "
              + frame.getHeight());
    }
    byte[] indices = Palette.indices(frame);
    int[] changed = shown == null && pending == null ? new int[] {0, 0, width, height} : null;
    if (changed == null) {
      changed = changedRectangle(pending, indices);
      if (changed == null) {
        pendingCentiseconds += centiseconds; // the same picture: shown longer
        return;
      }
    }
    flush();
    pending = indices;
    pendingRect = changed;
    pendingCentiseconds = centiseconds;
  }

  /** The smallest rectangle holding every pixel that differs; null if none does. */
  private int[] changedRectangle(byte[] before, byte[] after) {
    int left = width;
    int right = -1;
    int top = height;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        if (before[row + x] != after[row + x]) {
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    return right < 0 ? null : new int[] {left, top, right - left + 1, bottom - top + 1};
  }

  /** Writes the pending frame, now that its time is known. */
  private void flush() throws IOException {
    if (pending == null) {
      return;
    }
    int x = pendingRect[0];
    int y = pendingRect[1];
    int w = pendingRect[2];
    int h = pendingRect[3];
    BufferedImage part = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, Palette.COLORS);
    byte[] data = ((DataBufferByte) part.getRaster().getDataBuffer()).getData();
    for (int row = 0; row < h; row++) {
      System.arraycopy(pending, (y + row) * width + x, data, row * w, w);
    }
    IIOMetadata metadata =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(part), null);
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
    IIOMetadataNode descriptor = child(root, "ImageDescriptor");
    descriptor.setAttribute("imageLeftPosition", Integer.toString(x));
    descriptor.setAttribute("imageTopPosition", Integer.toString(y));
    descriptor.setAttribute("imageWidth", Integer.toString(w));
    descriptor.setAttribute("imageHeight", Integer.toString(h));
    descriptor.setAttribute("interlaceFlag", "FALSE");
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "doNotDispose");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("transparentColorIndex", "0");
    control.setAttribute(
        "delayTime", Integer.toString(Math.max(2, Math.min(65_535, pendingCentiseconds))));
    if (first) {
      IIOMetadataNode extensions = child(root, "ApplicationExtensions");
      IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
      loop.setAttribute("applicationID", "NETSCAPE");
      loop.setAttribute("authenticationCode", "2.0");
      loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
      extensions.appendChild(loop);
      first = false;
    }
    metadata.setFromTree(FORMAT, root);
    writer.writeToSequence(new IIOImage(part, null, metadata), null);
    shown = pending;
    frames++;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equals(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
      pending = null;
      writer.endWriteSequence();
      stream.close();
      writer.dispose();
      file.moveIntoPlace();
    } catch (IOException | RuntimeException e) {
      abandon();
      throw e;
    }
  }

  @Override
  public void abandon() {
    try {
      stream.close();
    } catch (IOException e) {
      // Deleted below all the same.
    }
    writer.dispose();
    file.delete();
  }
}
