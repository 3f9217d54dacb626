/**
 * Looking inside a recognizer's answer: {@link dev.handwritten.mnist.inspect.Explainer} gives the
 * feature maps of each convolution for one image, and a saliency map (which pixels pushed the
 * answer up or down) computed by core's own backward pass.
 */
package dev.handwritten.mnist.inspect;
