/**
 * Generated pictures for teaching and measuring the rejection of non-digits: {@link
 * dev.handwritten.mnist.synth.Generator} draws letters and symbols from fonts, scribbles, fragments
 * of strokes, near-blank paper and two MNIST digits in one box, rendered like ink on paper and
 * prepared exactly as a user's picture is; {@link dev.handwritten.mnist.synth.FontCatalog} sorts
 * the machine's fonts into typefaces for fitting and typefaces for measuring. Every picture is a
 * pure function of a seed, a category and an index.
 */
package dev.handwritten.mnist.synth;
