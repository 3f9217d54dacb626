/**
 * {@link dev.handwritten.mnist.imaging.Filters}: Gaussian blur, bilinear sampling and thinning of
 * one-channel float images, bit for bit the same on every machine; {@link
 * dev.handwritten.mnist.imaging.Morphology} thicker and thinner strokes; {@link
 * dev.handwritten.mnist.imaging.Scan} a scanner's thresholds and coarser resolutions. The photo
 * benchmark draws with them, the robustness suite distorts with them, and training augments with
 * them.
 */
package dev.handwritten.mnist.imaging;
