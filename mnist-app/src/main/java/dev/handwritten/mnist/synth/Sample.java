package dev.handwritten.mnist.synth;

import java.awt.image.BufferedImage;

/**
 * One generated picture and what the network sees of it.
 *
 * @param category what it shows
 * @param what in words, for example {@code "'A' in Lato Bold"} or {@code "digits 3 and 7"}
 * @param ambiguous a character or stroke with a digit's shape in handwriting, such as the letter O
 *     or a lone upright stroke (see {@code docs/rejection.md})
 * @param picture as a user would take it
 * @param input the picture prepared by {@link dev.handwritten.mnist.data.DigitImage#prepare}: 28 x
 *     28 in [0, 1]; all zeros when {@code prepared} is false
 * @param prepared false when the preparation found no ink at all (a picture of one shade), which
 *     the app reports as "no digit found" instead of recognizing anything
 */
public record Sample(
    Category category,
    String what,
    boolean ambiguous,
    BufferedImage picture,
    float[] input,
    boolean prepared) {}
