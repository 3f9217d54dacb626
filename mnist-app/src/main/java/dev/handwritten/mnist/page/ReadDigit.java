package dev.handwritten.mnist.page;

import dev.handwritten.mnist.recognize.Recognition;

/**
 * One mark on the page that the reader took for a digit, and what the recognizer made of it.
 *
 * @param box where it is
 * @param recognition the recognizer's answer for its 28 x 28 crop (the crop is its input)
 */
public record ReadDigit(Box box, Recognition recognition) {}
