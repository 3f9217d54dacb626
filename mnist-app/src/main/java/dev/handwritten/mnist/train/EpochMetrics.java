package dev.handwritten.mnist.train;

/**
 * What one training epoch measured.
 *
 * @param epoch 1-based
 * @param trainSeconds the training pass alone, without evaluation
 * @param trainLoss mean cross-entropy over the epoch's batches, measured in training mode
 * @param trainAccuracy fraction of training images classified correctly during the epoch
 * @param valLoss mean cross-entropy on the validation split, in evaluation mode
 * @param valAccuracy fraction of the validation split classified correctly
 */
public record EpochMetrics(
    int epoch,
    double trainSeconds,
    double trainLoss,
    double trainAccuracy,
    double valLoss,
    double valAccuracy) {}
