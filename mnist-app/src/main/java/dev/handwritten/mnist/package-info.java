/**
 * The {@code mnist} application, built on core: {@code cli} is the command line, thin over the
 * rest; {@code data} reads, downloads and prepares images; {@code model} holds the presets and the
 * model files; {@code train} trains and evaluates; {@code recognize} runs trained models (the one
 * inference API), with the gate that rejects what is not a digit; {@code synth} generates pictures
 * of non-digits; {@code reject} trains, calibrates and measures that gate; {@code report} draws the
 * pictures and writes the report and the metrics; {@code io} writes files atomically.
 */
package dev.handwritten.mnist;
