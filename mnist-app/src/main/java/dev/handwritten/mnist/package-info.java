/**
 * The {@code mnist} application, built on core: {@code cli} is the command line, thin over the
 * rest; {@code data} reads, downloads and prepares images; {@code model} holds the presets and the
 * model files; {@code train} trains and evaluates; {@code recognize} runs trained models (the one
 * inference API); {@code report} draws the pictures and writes the report and the metrics; {@code
 * io} writes files atomically.
 */
package dev.handwritten.mnist;
