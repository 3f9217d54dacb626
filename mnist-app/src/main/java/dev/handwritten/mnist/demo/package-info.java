/**
 * {@code mnist demo}: the recognizer at work as an animation ({@link
 * dev.handwritten.mnist.demo.Demo}), digits drawn stroke by stroke, a photo read and the training
 * curves growing, written as an animated GIF or an MP4 video ({@link
 * dev.handwritten.mnist.demo.Animation}) that appears under its name only once complete.
 */
package dev.handwritten.mnist.demo;
