/**
 * {@link dev.handwritten.mnist.recognize.Recognizer}: the one way the app runs trained models, for
 * single images, pictures and batches, with ensembles averaged and any number of threads served by
 * a bounded pool of model replicas; its answer for one image is a {@link
 * dev.handwritten.mnist.recognize.Recognition}. A {@link dev.handwritten.mnist.recognize.Gate}, a
 * small network apart from the classifier, adds a {@link dev.handwritten.mnist.recognize.Verdict}:
 * whether the image shows a digit at all.
 */
package dev.handwritten.mnist.recognize;
