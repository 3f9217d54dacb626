package dev.handwritten.mnist.cli;

import dev.handwritten.mnist.page.Annotations;
import dev.handwritten.mnist.page.PageReader;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.PictureDecoder;
import dev.handwritten.mnist.page.PictureReport;
import dev.handwritten.mnist.page.ReadDigit;
import dev.handwritten.mnist.page.ReadLine;
import dev.handwritten.mnist.report.Json;
import dev.handwritten.mnist.report.Plots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mnist predict}: the handwritten number in each of the user's own pictures. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    customSynopsis = "mnist predict [options] PICTURE|FOLDER|- ...",
    description = {
      "read the handwritten number in your own pictures or photos",
      "",
      "Reads the handwritten digits in each picture (PNG, JPEG, GIF, BMP or WebP): a photo of a"
          + " number on plain, ruled or squared paper, in pen, pencil or marker, under uneven"
          + " light, one line or several. Folders are searched for pictures; - reads one picture"
          + " from standard input. Prints the number read in each, with every digit's"
          + " probability; --json prints one JSON object per picture instead. A picture that"
          + " cannot be read (missing, corrupt, truncated, too large) is one line on standard"
          + " error, and the others are still read."
    })
final class PredictCommand extends Subcommand {
  /** The file extensions taken from a folder. */
  static final Set<String> PICTURES = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

  @Parameters(
      paramLabel = "PICTURE|FOLDER|- ...",
      hideParamSyntax = true,
      arity = "0..*",
      description = "pictures, folders of pictures, or - for standard input")
  List<String> inputs = new ArrayList<>();

  @Mixin ModelOptions models;

  @Option(names = "--json", description = "one JSON object per picture, one per line")
  boolean json;

  @Option(
      names = "--annotate",
      paramLabel = "DIR",
      description =
          "write each picture with its digits boxed and answered (NAME.annotated.png) and the"
              + " 28 x 28 crops the network saw (NAME.crops.png)")
  Path annotate;

  @Option(
      names = "--stages",
      description =
          "with --annotate, also write what each stage of the reading saw: NAME.1-lightness.png,"
              + " NAME.2-ink-strength.png, NAME.3-ink.png, NAME.4-without-lines.png")
  boolean stages;

  @Option(
      names = "--max-megapixels",
      paramLabel = "N",
      description = "refuse pictures larger than this, before decoding them (default 50)")
  double maxMegapixels = PictureDecoder.MAX_PIXELS / 1e6;

  /** One picture to read: a file, or standard input. */
  private record Input(String name, Path file) {}

  @Override
  void run() throws UsageException, IOException {
    if (inputs.isEmpty()) {
      throw new UsageException("no picture given: name pictures, folders, or - for standard input");
    }
    positive("--max-megapixels", maxMegapixels);
    if (annotate != null) {
      RunOutputs.checkOutDir(annotate);
    } else if (stages) {
      throw new UsageException("--stages goes with --annotate DIR: where to write the pictures");
    }
    long maxPixels = (long) (maxMegapixels * 1e6);
    PageReader reader = new PageReader(models.load());
    List<Input> pictures = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String input : inputs) {
      try {
        pictures.addAll(expand(input));
      } catch (IOException e) {
        problems.add(report(input, Main.describe(e)));
      }
    }
    int read = 0;
    Set<String> annotated = new HashSet<>();
    for (Input picture : pictures) {
      try {
        PictureDecoder.Picture decoded =
            picture.file() == null
                ? PictureDecoder.decode(in.readAllBytes(), picture.name(), maxPixels)
                : PictureDecoder.decode(picture.file(), maxPixels);
        PageReader.Stages stages = reader.stages(decoded);
        PageReading reading = stages.reading();
        print(picture.name(), reading);
        if (annotate != null) {
          writeAnnotations(picture.name(), decoded, stages, annotated);
        }
        read++;
      } catch (PictureDecoder.TooLarge e) {
        problems.add(report(picture.name(), e.getMessage() + "; --max-megapixels raises it"));
      } catch (IOException e) {
        problems.add(report(picture.name(), Main.describe(e)));
      }
    }
    if (!problems.isEmpty()) {
      throw new IOException(
          problems.size()
              + " of "
              + (read + problems.size())
              + (read + problems.size() == 1 ? " picture" : " pictures")
              + " could not be read");
    }
    if (read == 0) {
      throw new IOException("no pictures to read in " + String.join(", ", inputs));
    }
  }

  /** The pictures an argument names: itself, a folder's pictures, or standard input. */
  private List<Input> expand(String input) throws IOException {
    if (input.equals("-")) {
      return List.of(new Input("-", null));
    }
    Path path = Path.of(input);
    if (Files.isDirectory(path)) {
      List<Input> found;
      try (Stream<Path> walk = Files.walk(path)) {
        found =
            walk.filter(Files::isRegularFile)
                .filter(PredictCommand::isPicture)
                .sorted()
                .map(p -> new Input(p.toString(), p))
                .toList();
      }
      if (found.isEmpty()) {
        throw new IOException(input + ": no pictures in this folder (PNG, JPEG, GIF, BMP, WebP)");
      }
      return found;
    }
    if (!Files.exists(path)) {
      throw new NoSuchFileException(input);
    }
    return List.of(new Input(input, path));
  }

  private static boolean isPicture(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && PICTURES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** Says what went wrong with one picture, on its own line (or as JSON), and keeps it. */
  private String report(String name, String problem) {
    String message = problem.startsWith(name) ? problem : name + ": " + problem;
    if (json) {
      out.println(Json.LINES.writeValueAsString(PictureReport.failed(name, message)));
    } else {
      err.println("mnist: error: " + message);
    }
    return message;
  }

  /**
   * {@code photo.jpg: 2024 (2 99.8%, 0 99.1%, 2 97.5%, 4 99.9%)}; lines of writing separated by
   * {@code |} in the parentheses and by a space in the number.
   */
  private void print(String name, PageReading reading) {
    if (json) {
      out.println(Json.LINES.writeValueAsString(PictureReport.of(name, reading)));
      return;
    }
    List<ReadDigit> rejected = reading.rejected();
    if (reading.digits().isEmpty()) {
      if (rejected.size() == 1) {
        // One mark, and it is no digit: say what it looks like, and the classifier's guess.
        var r = rejected.getFirst().recognition();
        out.printf(
            "%s: %s; best guess %d (%s)%n",
            name, r.verdict().reason(), r.digit(), percent(r.probability()));
      } else {
        out.println(
            name
                + (rejected.isEmpty()
                    ? ": no digits found"
                    : ": no digits found; " + notDigits(rejected.size())));
      }
      return;
    }
    List<String> lines = new ArrayList<>();
    for (ReadLine line : reading.lines()) {
      List<String> digits = new ArrayList<>();
      for (ReadDigit d : line.digits()) {
        if (!d.rejected()) {
          digits.add(d.recognition().digit() + " " + percent(d.recognition().probability()));
        }
      }
      if (!digits.isEmpty()) {
        lines.add(String.join(", ", digits));
      }
    }
    out.println(
        name
            + ": "
            + reading.number()
            + "  ("
            + String.join(" | ", lines)
            + ")"
            + (rejected.isEmpty() ? "" : "; also " + notDigits(rejected.size())));
  }

  private static String notDigits(int count) {
    return count == 1 ? "1 mark not a digit" : count + " marks not digits";
  }

  /** NAME.annotated.png and NAME.crops.png, NAME made unique among this run's pictures. */
  private void writeAnnotations(
      String name, PictureDecoder.Picture picture, PageReader.Stages seen, Set<String> taken)
      throws IOException {
    String stem = name.equals("-") ? "stdin" : Path.of(name).getFileName().toString();
    int dot = stem.lastIndexOf('.');
    stem = dot > 0 ? stem.substring(0, dot) : stem;
    String unique = stem;
    for (int n = 2; !taken.add(unique); n++) {
      unique = stem + "-" + n;
    }
    Path boxed = annotate.resolve(unique + ".annotated.png");
    if (stages) {
      Plots.save(seen.lightness().toPicture(), annotate.resolve(unique + ".1-lightness.png"));
      Plots.save(
          invert(seen.strength()).toPicture(), annotate.resolve(unique + ".2-ink-strength.png"));
      Plots.save(seen.ink().toPicture(), annotate.resolve(unique + ".3-ink.png"));
      Plots.save(
          seen.withoutLines().toPicture(), annotate.resolve(unique + ".4-without-lines.png"));
    }
    Plots.save(Annotations.draw(picture.image(), seen.reading()), boxed);
    List<ReadDigit> digits = seen.reading().digits();
    if (!digits.isEmpty()) {
      int size = 28 * 28;
      float[] crops = new float[digits.size() * size];
      int[] predicted = new int[digits.size()];
      float[] confidence = new float[digits.size()];
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < digits.size(); i++) {
        System.arraycopy(digits.get(i).recognition().input(), 0, crops, i * size, size);
        predicted[i] = digits.get(i).recognition().digit();
        confidence[i] = digits.get(i).recognition().probability();
        labels.add("#" + (i + 1));
      }
      Plots.recognized(
          crops, labels, predicted, confidence, annotate.resolve(unique + ".crops.png"));
    }
    if (!json) {
      out.println("  wrote " + boxed);
    }
  }

  /** Ink strength drawn as dark ink on white paper, the way the picture looks. */
  private static dev.handwritten.mnist.page.GrayImage invert(
      dev.handwritten.mnist.page.GrayImage strength) {
    float[] v = strength.values().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] = 1 - v[i];
    }
    return new dev.handwritten.mnist.page.GrayImage(v, strength.width(), strength.height());
  }

  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * p);
  }
}
