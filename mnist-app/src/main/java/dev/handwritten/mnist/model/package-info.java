/**
 * Models as data: an {@link dev.handwritten.mnist.model.Architecture} (a name, the input shape and
 * a list of {@link dev.handwritten.mnist.model.LayerSpec}s) builds a {@link
 * dev.handwritten.layers.Sequential}; {@link dev.handwritten.mnist.model.Presets} names the ones
 * the app trains; {@link dev.handwritten.mnist.model.ModelFile} saves and loads trained models in
 * the documented binary format ({@code docs/model-format.md}), never with Java serialization.
 */
package dev.handwritten.mnist.model;
