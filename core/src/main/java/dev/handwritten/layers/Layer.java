package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.List;

/**
 * One differentiable step of a model: {@code forward} computes the output and caches what {@code
 * backward} needs; {@code backward} takes the gradient of the loss with respect to the output and
 * returns the gradient with respect to the input, adding the parameter gradients into each {@link
 * Parameter#grad()}.
 *
 * <p>Buffers are reused: the tensor a layer returns belongs to the layer and is overwritten by its
 * next call with the same batch size. Copy it if you need it longer.
 */
public interface Layer {
  /**
   * The output shape for an input shape, checking that the input fits this layer. {@link
   * Sequential} calls it when the model is built, so a wrong architecture fails before any data.
   *
   * @param input the input's shape, batch first
   * @return the output's shape, batch first
   * @throws IllegalArgumentException naming this layer, the expected and the actual shape
   */
  Shape outputShape(Shape input);

  /**
   * The forward pass; caches what {@link #backward} needs.
   *
   * @param x the input, batch first
   * @param mode training (with the step that seeds dropout) or evaluation
   * @return the output, owned by this layer until its next forward
   * @throws IllegalArgumentException if {@code x} does not fit this layer
   */
  Tensor forward(Tensor x, Mode mode);

  /**
   * The backward pass: adds into every parameter's gradient and returns the input's gradient.
   *
   * @param dy the gradient of the loss with respect to the last forward's output, same shape
   * @return the gradient with respect to the last forward's input, owned by this layer
   * @throws IllegalStateException if no forward pass came before
   * @throws IllegalArgumentException if {@code dy} has not the output's shape
   */
  Tensor backward(Tensor dy);

  /**
   * Adds the parameter gradients for {@code dy}, like {@link #backward}, but may skip computing the
   * input gradient: the first layer of a model has nobody to pass it to, and for a convolution it
   * is a third of the backward pass's work.
   *
   * @param dy the gradient of the loss with respect to the last forward's output
   * @throws IllegalStateException if no forward pass came before
   */
  default void backwardParametersOnly(Tensor dy) {
    backward(dy);
  }

  /**
   * {@return the tensors that are not trained by gradients but belong to the model} They are saved
   * with it, such as batch normalization's running statistics; empty for most layers.
   */
  default List<Tensor> state() {
    return List.of();
  }

  /** {@return the trainable parameters; empty for layers without any} */
  default List<Parameter> parameters() {
    return List.of();
  }
}
