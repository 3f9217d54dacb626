/**
 * Optimizers that own their state: {@link dev.handwritten.optim.Sgd} (with momentum) and {@link
 * dev.handwritten.optim.Adam} (with AdamW's decoupled weight decay) keep one array per parameter
 * for their moments, never inside a layer. {@link dev.handwritten.optim.LearningRateSchedule} gives
 * the rate at any point of training: constant, step decay, exponential, cosine, one-cycle.
 */
package dev.handwritten.optim;
