package dev.handwritten.mnist.page;

import dev.handwritten.mnist.recognize.Recognition;

/**
 * One mark on the page that the reader took for a digit, and what the recognizer made of it: a
 * digit, or (when the rejection gate says so) a mark that is not one.
 *
 * @param box where it is
 * @param recognition the recognizer's answer for its 28 x 28 crop (the crop is its input)
 */
public record ReadDigit(Box box, Recognition recognition) {
  /** Whether the rejection gate found the mark is not a digit. */
  public boolean rejected() {
    return recognition.rejected();
  }
}
