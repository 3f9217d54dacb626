package dev.handwritten.mnist.photobench;

import dev.handwritten.mnist.page.Box;

/**
 * A digit written in a benchmark photo, as it truly is.
 *
 * @param label the digit, 0 to 9
 * @param box the box of its ink in the photo's pixels, after the camera's rotation and perspective
 * @param source its index in the digit set it was taken from (the MNIST test set)
 */
public record TruthDigit(int label, Box box, int source) {}
