package dev.handwritten.mnist.page;

import dev.handwritten.mnist.data.DigitImage;
import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Reads the handwritten number in a picture: finds the digits, orders them into lines and
 * recognizes each.
 *
 * <pre>{@code
 * PageReader reader = new PageReader(Recognizer.bundled());
 * PageReading reading = reader.read(picture);   // an oriented, decoded picture
 * reading.number();                             // "2024"
 * }</pre>
 */
public final class PageReader {
  private final Recognizer recognizer;

  public PageReader(Recognizer recognizer) {
    this.recognizer = recognizer;
  }

  /**
   * Reads one picture.
   *
   * @param picture decoded and oriented as it should be shown
   */
  public PageReading read(BufferedImage picture) {
    // A first stage: the whole picture as one digit. The page pipeline replaces this.
    Recognition r = recognizer.recognize(DigitImage.prepare(picture));
    ReadDigit digit = new ReadDigit(new Box(0, 0, picture.getWidth(), picture.getHeight()), r);
    return new PageReading(
        picture.getWidth(), picture.getHeight(), List.of(new ReadLine(List.of(digit))));
  }
}
