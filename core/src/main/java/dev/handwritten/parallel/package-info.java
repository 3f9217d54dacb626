/**
 * {@link dev.handwritten.parallel.DataParallel}: a batch's gradient computed on several threads,
 * cut into chunks of a fixed size and summed in chunk order, so the weights after training are the
 * same bits at any thread count.
 */
package dev.handwritten.parallel;
