package dev.handwritten.mnist.photobench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One photo of a benchmark run: what it showed, what was read, and the score.
 *
 * @param id e.g. {@code grid-paper-0007}
 * @param condition its condition's id
 * @param difficulties the difficulties applied, by id (several for {@code mix})
 * @param width the photo's width in pixels
 * @param height the photo's height in pixels
 * @param truth the true number, lines separated by a space
 * @param read the number read, lines separated by a space
 * @param score the counts
 * @param error the reader's exception message when it failed, else empty
 */
public record PictureResult(
    String id,
    String condition,
    List<String> difficulties,
    int width,
    int height,
    String truth,
    String read,
    Score score,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String error) {
  public PictureResult {
    difficulties = List.copyOf(difficulties);
  }

  /** Whether the photo shows one number of four digits. */
  public boolean fourDigit() {
    return truth.length() == 4 && truth.indexOf(' ') < 0;
  }
}
