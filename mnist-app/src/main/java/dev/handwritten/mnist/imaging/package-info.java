/**
 * {@link dev.handwritten.mnist.imaging.Filters}: Gaussian blur, bilinear sampling and thinning of
 * one-channel float images, bit for bit the same on every machine; the photo benchmark draws with
 * them and the robustness suite distorts with them.
 */
package dev.handwritten.mnist.imaging;
