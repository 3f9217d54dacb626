/**
 * The layers, each a forward and a backward pass side by side in one small file: {@link
 * dev.handwritten.layers.Conv2d}, {@link dev.handwritten.layers.MaxPool2d}, {@link
 * dev.handwritten.layers.Dense}, {@link dev.handwritten.layers.Relu}, {@link
 * dev.handwritten.layers.Dropout}, {@link dev.handwritten.layers.Flatten}, {@link
 * dev.handwritten.layers.Normalize}, {@link dev.handwritten.layers.BatchNorm2d} and {@link
 * dev.handwritten.layers.BatchNorm1d}, wired by {@link dev.handwritten.layers.Sequential}, which
 * checks every layer's input shape when the model is built.
 *
 * <p>A layer owns its output buffers (overwritten by its next call), caches what its backward pass
 * needs, adds into its {@link dev.handwritten.layers.Parameter}s' gradients and never sees its
 * neighbours. {@link dev.handwritten.layers.Mode} says whether it trains (with the step that seeds
 * dropout) or evaluates.
 */
package dev.handwritten.layers;
