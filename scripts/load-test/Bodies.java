// The load test's request bodies, made from MNIST's test set with the app's own jar on the class
// path (a single-file program: java -cp mnist-app/target/mnist-app.jar Bodies.java DATA OUT):
//   OUT/digit.json  {"image": 28 x 28} of the first test digit, a 7, as the network takes it
//   OUT/photo.jpg   a phone-sized photo, 4032 x 3024 (12.2 megapixels), of the number written
//                   with test digits 1 to 4 on uneven paper, JPEG quality 0.9, as a phone sends it
import dev.handwritten.mnist.data.DataSet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

public class Bodies {
  public static void main(String[] args) throws Exception {
    DataSet test = DataSet.loadTest(Path.of(args[0]));
    Path out = Files.createDirectories(Path.of(args[1]));
    float[] pixels = test.images().data();

    StringBuilder json = new StringBuilder("{\"image\":[");
    for (int y = 0; y < 28; y++) {
      json.append(y == 0 ? "[" : ",[");
      for (int x = 0; x < 28; x++) {
        json.append(x == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", pixels[y * 28 + x]));
      }
      json.append(']');
    }
    Files.writeString(out.resolve("digit.json"), json.append("]}").toString());

    int width = 4032;
    int height = 3024;
    BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(1);
    double size = 620; // a digit's 28 pixels, in the photo's
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double ink = 0;
        for (int d = 0; d < 4; d++) {
          double u = (x - (width * 0.2 + d * size * 0.8)) * 28 / size;
          double v = (y - height * 0.4) * 28 / size;
          if (u >= 0 && v >= 0 && u < 28 && v < 28) {
            ink = Math.max(ink, pixels[(d + 1) * 784 + (int) v * 28 + (int) u]);
          }
        }
        double light = 0.95 - 0.2 * ((double) x / width) * ((double) y / height);
        int grey = (int) Math.max(0, Math.min(255, 240 * light * (1 - 0.85 * ink) + 4 * random.nextGaussian()));
        photo.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    try (var stream = ImageIO.createImageOutputStream(out.resolve("photo.jpg").toFile())) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(photo, null, null), param);
    }
    writer.dispose();
    System.out.println(
        "bodies: digit.json ("
            + Files.size(out.resolve("digit.json"))
            + " bytes), photo.jpg ("
            + Files.size(out.resolve("photo.jpg"))
            + " bytes, "
            + width
            + " x "
            + height
            + "), digits "
            + test.labels()[1]
            + test.labels()[2]
            + test.labels()[3]
            + test.labels()[4]);
  }
}
