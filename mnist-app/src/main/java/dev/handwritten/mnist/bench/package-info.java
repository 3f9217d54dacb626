/**
 * {@code mnist bench}: what the library does on the user's own CPU, measured there. {@link
 * SpeedBench} times the machine's FMA peak, the reference CNN's convolution products, a training
 * epoch and inference, and {@link SpeedReport} holds the figures for the table and the JSON.
 */
package dev.handwritten.mnist.bench;
