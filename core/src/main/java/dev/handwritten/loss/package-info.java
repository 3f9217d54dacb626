/**
 * {@link dev.handwritten.loss.SoftmaxCrossEntropy}: softmax and cross-entropy fused, computed with
 * log-sum-exp so that large logits cannot overflow; its gradient with respect to the logits is
 * {@code (softmax - onehot) / batch}.
 */
package dev.handwritten.loss;
