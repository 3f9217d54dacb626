/**
 * The data: {@link dev.handwritten.mnist.data.IdxReader} reads IDX files (gzipped or not), {@link
 * dev.handwritten.mnist.data.DataSet} turns them into an image tensor and labels, {@link
 * dev.handwritten.mnist.data.MnistFiles} names the files and their checksums, {@link
 * dev.handwritten.mnist.data.Downloader} fetches them from mirrors and {@link
 * dev.handwritten.mnist.data.DataLocator} decides where they live.
 *
 * <p>Every file problem is an {@link java.io.IOException} whose message names the file and says
 * what to do, so the command line can print it as one clear line.
 */
package dev.handwritten.mnist.data;
