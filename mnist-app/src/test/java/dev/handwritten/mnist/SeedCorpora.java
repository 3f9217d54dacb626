package dev.handwritten.mnist;

import dev.handwritten.mnist.model.Architecture;
import dev.handwritten.mnist.model.LayerSpec;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.train.Checkpoint;
import dev.handwritten.mnist.train.CheckpointFile;
import dev.handwritten.mnist.train.EpochMetrics;
import dev.handwritten.mnist.train.TrainingState;
import dev.handwritten.optim.Adam;
import dev.handwritten.tensor.Shape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * Writes the fuzz targets' seed corpora into the test resources: small valid files of each kind,
 * from which the fuzzer mutates. Run once when a format changes (docs/fuzzing.md):
 *
 * <pre>
 * java -cp mnist-app/target/test-classes:mnist-app/target/classes:core/target/classes \
 *     dev.handwritten.mnist.SeedCorpora mnist-app/src/test/resources
 * </pre>
 */
public final class SeedCorpora {
  private SeedCorpora() {}

  public static void main(String[] args) throws IOException {
    Path resources = Path.of(args[0]).resolve("dev/handwritten/mnist");
    Path idx = resources.resolve("data/IdxReaderFuzzTestInputs/read");
    Files.createDirectories(idx);
    byte[] images = idx(0x803, new int[] {3, 4, 5}, 60);
    byte[] labels = idx(0x801, new int[] {6}, 6);
    Files.write(idx.resolve("images-3x4x5"), images);
    Files.write(idx.resolve("images-3x4x5.gz"), gzip(images));
    Files.write(idx.resolve("labels-6"), labels);
    Files.write(idx.resolve("labels-6.gz"), gzip(labels));

    Path models = resources.resolve("model/ModelFileFuzzTestInputs/load");
    Files.createDirectories(models);
    save(
        models.resolve("conv-pool-dense.hwnn"),
        new Architecture(
            "tiny",
            Shape.of(1, 6, 6),
            List.of(
                new LayerSpec.NormalizeSpec(0.1307, 0.3081),
                new LayerSpec.Conv(1, 2, 3, 1, 0),
                new LayerSpec.ReluSpec(),
                new LayerSpec.MaxPool(2, 2),
                new LayerSpec.FlattenSpec(),
                new LayerSpec.DropoutSpec(0.5),
                new LayerSpec.DenseSpec(8, 10))));
    save(
        models.resolve("conv-batchnorm.hwnn"),
        new Architecture(
            "tiny-bn",
            Shape.of(1, 4, 4),
            List.of(
                new LayerSpec.Conv(1, 2, 3, 1, 1),
                new LayerSpec.BatchNorm2dSpec(2, 0.1, 1e-5),
                new LayerSpec.ReluSpec(),
                new LayerSpec.MaxPool(2, 2),
                new LayerSpec.FlattenSpec(),
                new LayerSpec.DenseSpec(8, 4),
                new LayerSpec.BatchNorm1dSpec(4, 0.1, 1e-5),
                new LayerSpec.DenseSpec(4, 10))));
    Path checkpoints = resources.resolve("train/CheckpointFileFuzzTestInputs/load");
    Files.createDirectories(checkpoints);
    checkpoints(checkpoints);
    save(
        models.resolve("dense.hwnn"),
        new Architecture(
            "dense",
            Shape.of(3),
            List.of(new LayerSpec.DenseSpec(3, 2), new LayerSpec.ReluSpec())));

    Path pictures = resources.resolve("page/PictureReadingFuzzTestInputs/read");
    Files.createDirectories(pictures);
    BufferedImage digits = digits10();
    for (String format : List.of("png", "jpg", "gif", "bmp")) {
      ImageIO.write(
          digits,
          format.equals("jpg") ? "jpeg" : format,
          pictures.resolve("digits-10." + format).toFile());
    }
    Path bodies = resources.resolve("serve/ApiRequestFuzzTestInputs/predict");
    Files.createDirectories(bodies);
    ImageIO.write(digits, "png", bodies.resolve("digits-10.png").toFile());
    Files.writeString(bodies.resolve("one.json"), imageJson("one", 14));
    Files.writeString(bodies.resolve("blank.json"), imageJson(null, -1));
  }

  /** "10" drawn small, black on white: 40 x 24 pixels. */
  private static BufferedImage digits10() {
    BufferedImage image = new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 40, 24);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(2));
    g.drawLine(6, 4, 6, 20);
    g.drawOval(18, 4, 12, 16);
    g.dispose();
    return image;
  }

  /** serve's JSON form: a 28 x 28 image, with an upright stroke in column {@code x} if x >= 0. */
  private static String imageJson(String name, int x) {
    StringBuilder json = new StringBuilder("{");
    if (name != null) {
      json.append("\"name\":\"").append(name).append("\",");
    }
    json.append("\"image\":[");
    for (int row = 0; row < 28; row++) {
      json.append(row == 0 ? "[" : ",[");
      for (int column = 0; column < 28; column++) {
        boolean ink = column == x && row >= 6 && row < 22;
        json.append(column == 0 ? "" : ",").append(ink ? "1.0" : "0.0");
      }
      json.append("]");
    }
    return json.append("]}").toString();
  }

  /**
   * Checkpoints of a tiny model after one epoch: one with early stopping's best, one with an
   * average of the weights, both in the current version. The corpus's {@code plain.hwck} was
   * written in version 1 and is kept, so that the fuzzer mutates the older layout too.
   */
  private static void checkpoints(Path dir) throws IOException {
    Architecture tiny =
        new Architecture(
            "tiny",
            Shape.of(1, 4, 4),
            List.of(
                new LayerSpec.Conv(1, 2, 3, 1, 1),
                new LayerSpec.BatchNorm2dSpec(2, 0.1, 1e-5),
                new LayerSpec.FlattenSpec(),
                new LayerSpec.DenseSpec(32, 10)));
    var model = tiny.build(1);
    List<float[]> weights = new ArrayList<>();
    model.parameters().forEach(p -> weights.add(p.value().data().clone()));
    model.state().forEach(t -> weights.add(t.data().clone()));
    List<float[]> moments = new ArrayList<>();
    model.parameters().forEach(p -> moments.add(new float[p.value().size()]));
    List<EpochMetrics> history = List.of(new EpochMetrics(1, 1.5, 2.1, 0.2, 2.0, 0.25));
    for (boolean best : new boolean[] {false, true}) {
      TrainingState state =
          new TrainingState(
              1,
              8,
              false,
              42,
              0.001,
              weights,
              new Adam.State(8, moments, moments),
              best ? 1 : 0,
              best ? 0.25 : -1,
              best ? weights : List.of(),
              best ? List.of() : weights,
              history);
      Files.write(
          dir.resolve(best ? "early-stopping.hwck" : "averaged.hwck"),
          CheckpointFile.encode(new Checkpoint("{\"epochs\":3}", tiny, state)));
    }
  }

  /** An IDX file of unsigned bytes: magic, dimensions, then {@code payload} bytes 0, 1, 2, ... */
  private static byte[] idx(int magic, int[] dims, int payload) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + payload).putInt(magic);
    for (int d : dims) {
      buffer.putInt(d);
    }
    for (int i = 0; i < payload; i++) {
      buffer.put((byte) (i % 10));
    }
    return buffer.array();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  private static void save(Path file, Architecture architecture) throws IOException {
    ModelFile.save(file, architecture, architecture.build(1), Map.of("seed", "1"));
  }
}
