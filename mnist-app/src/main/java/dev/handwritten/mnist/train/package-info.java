/**
 * Training and evaluation: {@link dev.handwritten.mnist.train.Trainer} runs mini-batch Adam over
 * {@link dev.handwritten.parallel.DataParallel} with a learning-rate schedule, augmentation and
 * early stopping, deterministically from a seed; {@link dev.handwritten.mnist.train.Evaluator}
 * scores a model's answers on a labelled data set (accuracy, loss, confusion matrix).
 */
package dev.handwritten.mnist.train;
