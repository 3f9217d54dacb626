/**
 * {@link dev.handwritten.init.Initializer}: Glorot and He initialization, uniform and normal, drawn
 * from a seeded {@link java.util.SplittableRandom}, so the same seed gives the same weights.
 */
package dev.handwritten.init;
