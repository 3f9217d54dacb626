/**
 * The robustness suite: the MNIST test set distorted by fixed, seeded {@link
 * dev.handwritten.mnist.robustness.Distortion}s that imitate other people's handwriting and other
 * scanners (thicker and thinner strokes, binarization, a coarse scan, slant, rotation, small
 * writing, blur, noise, a mix), and a recognizer's accuracy on each ({@link
 * dev.handwritten.mnist.robustness.RobustnessSuite}); {@code mnist evaluate --robustness} prints
 * it. For measuring only: nothing is trained on these images.
 */
package dev.handwritten.mnist.robustness;
