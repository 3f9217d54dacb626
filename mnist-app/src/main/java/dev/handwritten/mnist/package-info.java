/**
 * The MNIST command-line application: {@code data} reads and downloads IDX files, {@code model}
 * builds the presets and reads and writes model files, {@code train} runs training and evaluation,
 * {@code report} draws the pictures and the HTML report, {@code cli} parses the command line.
 */
package dev.handwritten.mnist;
