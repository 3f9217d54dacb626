package dev.handwritten.mnist.train;

import dev.handwritten.mnist.model.Architecture;

/**
 * A saved training run: what it trains, with which settings, and where it stands. {@link
 * CheckpointFile} writes and reads it.
 *
 * @param settings the run's settings as JSON, as the app wrote them (the {@code settings} object of
 *     metrics.json): what {@code mnist train --resume} continues with
 * @param architecture the model's layers
 * @param state the weights, optimizer, early stopping and history after the last finished epoch
 */
public record Checkpoint(String settings, Architecture architecture, TrainingState state) {}
