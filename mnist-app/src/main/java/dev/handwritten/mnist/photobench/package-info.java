/**
 * The photo benchmark: phone photos of handwritten numbers that no test tunes on, and the scoring
 * of a page reader on them.
 *
 * <p>{@link dev.handwritten.mnist.photobench.PhotoBench} generates the photos, seeded, from the
 * MNIST test set, under named {@link dev.handwritten.mnist.photobench.Condition}s, each with its
 * ground truth ({@link dev.handwritten.mnist.photobench.Photo}). {@link
 * dev.handwritten.mnist.photobench.Scoring} compares a {@link
 * dev.handwritten.mnist.page.PageReading} with it, box by box; {@link
 * dev.handwritten.mnist.photobench.BenchRunner} reads every photo on several threads and tallies
 * the scores; {@link dev.handwritten.mnist.photobench.BenchReport} writes the table, the results
 * and example pictures.
 *
 * <p>Inside: a {@code Style} (drawn by {@code Styles}) says how one photo looks; {@code
 * PhotoRenderer} draws it: {@code TextBlock} lays out the digits' ink ({@code DigitInk}: the MNIST
 * stroke thinned to its centre line and redrawn with a {@code Pen}), {@code Paper} and {@code
 * Lighting} give the page's colour and the light, a {@code Homography} takes the page into the
 * photo, {@code Filters} and {@code Noise} make the camera's blur and grain.
 */
package dev.handwritten.mnist.photobench;
