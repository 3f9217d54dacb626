/**
 * Fitting and measuring the rejection of non-digits: {@link
 * dev.handwritten.mnist.reject.GateTraining} trains the gate with the app's own trainer, {@link
 * dev.handwritten.mnist.reject.GateCalibration} fits its threshold on the validation split, and
 * {@link dev.handwritten.mnist.reject.RejectionMeasurement} measures it, beside the classifier's
 * own scores ({@link dev.handwritten.mnist.reject.TemperatureScaling}, {@link
 * dev.handwritten.mnist.reject.ClassifierScores}). At run time the gate is used through the {@link
 * dev.handwritten.mnist.recognize.Recognizer}.
 */
package dev.handwritten.mnist.reject;
