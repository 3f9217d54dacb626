/**
 * The {@code mnist} command line, on picocli. {@code MnistCommand} is the registry of commands,
 * each a {@code Subcommand} that parses its options and calls the library; {@link
 * dev.handwritten.mnist.cli.Main} runs one and turns every failure into one line and an exit status
 * (0 done, 1 failed, 2 usage, 130 interrupted). {@code Launcher}, compiled for Java 8, refuses an
 * older Java in one line before any of this loads.
 */
package dev.handwritten.mnist.cli;
