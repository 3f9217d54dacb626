package dev.handwritten.mnist.photobench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.page.PageReader;
import dev.handwritten.mnist.page.PageReading;
import dev.handwritten.mnist.page.ReadDigit;
import dev.handwritten.mnist.page.ReadLine;
import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runner, on marker-thick photos 0 to 2 (all 1200 x 900, so the tests stay quick; any photos
 * would do).
 */
class BenchRunnerTest {
  private static final List<Condition> SMALL = List.of(Condition.MARKER_THICK);

  @Test
  void aReaderThatReadsTheTruth_scoresEverything() throws Exception {
    PhotoBench bench = BenchPhotos.bench();
    Map<Integer, Photo> byPixels = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      Photo p = bench.photo(Condition.MARKER_THICK, i);
      byPixels.put(fingerprint(p.picture()), p);
    }
    BenchRunner.Reader perfect = picture -> truthOf(byPixels.get(fingerprint(picture)));

    BenchResult result =
        new BenchRunner(bench, SMALL, 2, 2)
            .run(perfect, "the truth", "test digits", BenchRunner.Listener.NONE);

    Tally all = result.overall();
    assertEquals(2, all.pictures());
    assertEquals(all.digits(), all.right());
    assertEquals(1.0, all.digitAccuracy());
    assertEquals(1.0, all.exactMatch());
    assertEquals(List.of("marker-thick-0000", "marker-thick-0001"), ids(result));
    assertEquals(all, result.conditions().getFirst().tally());
    assertEquals(new BenchResult.Settings(1, 2, 2, "test digits", "the truth"), result.settings());
  }

  @Test
  void thePageReader_givesTheSameResults_onOneThreadOrThree() throws Exception {
    PageReader reader = new PageReader(Recognizer.bundled());
    PhotoBench bench = BenchPhotos.bench();

    BenchResult one =
        new BenchRunner(bench, SMALL, 3, 1).run(reader::read, "r", "d", BenchRunner.Listener.NONE);
    BenchResult three =
        new BenchRunner(bench, SMALL, 3, 3).run(reader::read, "r", "d", BenchRunner.Listener.NONE);

    assertEquals(one.pictures(), three.pictures());
    assertEquals(one.overall(), three.overall());
    assertEquals(
        List.of("marker-thick-0000", "marker-thick-0001", "marker-thick-0002"), ids(three));
  }

  @Test
  void aReaderThatFails_isScoredAsReadingNothing_andTheRunGoesOn() throws Exception {
    BenchRunner.Reader broken =
        picture -> {
          throw new IllegalStateException("no pipeline yet");
        };
    List<Integer> progress = new ArrayList<>();
    BenchRunner.Listener listener =
        new BenchRunner.Listener() {
          @Override
          public void progress(int done, int total) {
            progress.add(done * 10 + total);
          }
        };

    BenchResult result =
        new BenchRunner(BenchPhotos.bench(), SMALL, 2, 2).run(broken, "r", "d", listener);

    assertEquals(2, result.overall().failed());
    assertEquals(result.overall().digits(), result.overall().missed());
    assertEquals(0, result.overall().exact());
    assertEquals("IllegalStateException: no pipeline yet", result.pictures().getFirst().error());
    assertEquals(List.of(12, 22), progress, "1 of 2, then 2 of 2");
  }

  @Test
  void aListenerThatCannotWrite_stopsTheRun() {
    BenchRunner.Listener failing =
        new BenchRunner.Listener() {
          @Override
          public void read(Photo photo, PageReading reading, Score score) throws IOException {
            throw new IOException("disk full");
          }
        };
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new BenchRunner(BenchPhotos.bench(), SMALL, 1, 1)
                    .run(p -> new PageReading(1, 1, List.of()), "r", "d", failing));
    assertEquals("disk full", e.getMessage());
  }

  @Test
  void badSettings_areRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BenchRunner(BenchPhotos.bench(), SMALL, 0, 1));
    assertTrue(e.getMessage().contains("perCondition 0"), e.getMessage());
  }

  /** The reading a perfect reader would give: every true digit, in its box, in its line. */
  private static PageReading truthOf(Photo photo) {
    List<ReadLine> lines = new ArrayList<>();
    for (TruthLine line : photo.lines()) {
      List<ReadDigit> digits = new ArrayList<>();
      for (TruthDigit d : line.digits()) {
        float[] p = new float[10];
        p[d.label()] = 1;
        digits.add(new ReadDigit(d.box(), new Recognition(new float[784], p)));
      }
      lines.add(new ReadLine(digits));
    }
    return new PageReading(photo.picture().getWidth(), photo.picture().getHeight(), lines);
  }

  private static int fingerprint(BufferedImage picture) {
    int w = picture.getWidth();
    int h = picture.getHeight();
    return Arrays.hashCode(picture.getRGB(0, 0, w, h, null, 0, w));
  }

  private static List<String> ids(BenchResult result) {
    return result.pictures().stream().map(PictureResult::id).toList();
  }
}
