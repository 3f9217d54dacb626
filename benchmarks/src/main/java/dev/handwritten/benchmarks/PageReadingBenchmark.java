package dev.handwritten.benchmarks;

import dev.handwritten.mnist.page.PageReader;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.PictureDecoder;
import dev.handwritten.mnist.recognize.Recognizer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the number in a 12-megapixel phone photo on one thread: the JPEG's decoding (EXIF, header
 * check, subsampled decode), then the page reader (lighting, ink, line removal, layout, splitting,
 * the classifier and the gate), and both together as {@code predict} runs them.
 *
 * <p>The photo is drawn once in {@link #setUp()}: 4000 x 3000, squared paper under a lighting
 * gradient, "2024" typed 400 pixels high (about 290 for the digits), sensor noise, JPEG at quality
 * 90. Setup checks that the reader reads 2024, so the time is that of a successful reading.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar
 * PageReadingBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PageReadingBenchmark {
  static final int WIDTH = 4000;
  static final int HEIGHT = 3000;
  static final String NUMBER = "2024";

  private byte[] jpeg;
  private PictureDecoder.Picture decoded;
  private PageReader reader;

  @Setup
  public void setUp() throws IOException {
    jpeg = photo();
    reader = new PageReader(Recognizer.bundled());
    decoded = decode();
    PageReading reading = reader.read(decoded);
    if (!NUMBER.equals(reading.number())) {
      throw new IllegalStateException(
          "the benchmark photo should read " + NUMBER + ", read '" + reading.number() + "'");
    }
  }

  @Benchmark
  public PictureDecoder.Picture decode() throws IOException {
    return PictureDecoder.decode(jpeg, "photo.jpg", PictureDecoder.MAX_PIXELS);
  }

  @Benchmark
  public PageReading read() {
    return reader.read(decoded);
  }

  @Benchmark
  public PageReading decodeAndRead() throws IOException {
    return reader.read(decode());
  }

  /** The photo, as a phone would send it. */
  static byte[] photo() throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    // Paper lit from the left: 20% darker on the right.
    g.setPaint(
        new GradientPaint(0, 0, new Color(238, 236, 228), WIDTH, HEIGHT, new Color(190, 188, 180)));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    // Squared paper: 5 mm squares, 120 pixels in this photo; the digits span about three.
    g.setColor(new Color(160, 180, 215));
    g.setStroke(new BasicStroke(3));
    for (int x = 60; x < WIDTH; x += 120) {
      g.drawLine(x, 0, x, HEIGHT);
    }
    for (int y = 40; y < HEIGHT; y += 120) {
      g.drawLine(0, y, WIDTH, y);
    }
    // The number in dark blue ink.
    g.setColor(new Color(30, 40, 110));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 400));
    g.drawString(NUMBER, 1300, 1650);
    g.dispose();
    SplittableRandom random = new SplittableRandom(1);
    int[] rgb = image.getRGB(0, 0, WIDTH, HEIGHT, null, 0, WIDTH);
    for (int i = 0; i < rgb.length; i++) {
      int noise = (int) Math.round(random.nextGaussian() * 3);
      int r = clamp(((rgb[i] >> 16) & 255) + noise);
      int gr = clamp(((rgb[i] >> 8) & 255) + noise);
      int b = clamp((rgb[i] & 255) + noise);
      rgb[i] = (r << 16) | (gr << 8) | b;
    }
    image.setRGB(0, 0, WIDTH, HEIGHT, rgb, 0, WIDTH);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
