package dev.handwritten.layers;

import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after another. Building it runs every layer's shape check on the declared
 * input, so a wrong architecture fails here, with the layer's position and name, before any data:
 *
 * <pre>{@code
 * Sequential model = new Sequential(Shape.of(1, 28, 28),      // one sample: [C, H, W]
 *     new Conv2d(1, 32, 3, seed), new Relu(), new MaxPool2d(2),
 *     new Flatten(), new Dense(32 * 13 * 13, 10, seed + 1));
 * Tensor logits = model.forward(images, Mode.train(step));    // [N, 10]
 * model.backward(loss.logitsGradient());                      // adds into every parameter's grad
 * }</pre>
 */
public final class Sequential implements Layer {
  private final Shape sampleShape;
  private final List<Layer> layers;
  private final List<Shape> outputShapes; // per layer, for a batch of one
  // Collected once: the layers never change, and training asks for these on every step.
  private final List<Parameter> parameters;
  private final List<Tensor> state;
  private final int firstWithParameters; // the first layer that has parameters; size() if none

  /**
   * A model of the given layers, each checked against its predecessor's output shape.
   *
   * @param sampleShape the shape of one input sample, without the batch, for example {@code [1, 28,
   *     28]}
   * @param layers in the order they are applied
   * @throws IllegalArgumentException if a layer does not accept its predecessor's output, naming
   *     the layer and its position
   */
  public Sequential(Shape sampleShape, Layer... layers) {
    this(sampleShape, List.of(layers));
  }

  /**
   * See {@link #Sequential(Shape, Layer...)}.
   *
   * @param sampleShape the shape of one input sample, without the batch
   * @param layers in the order they are applied, at least one
   * @throws IllegalArgumentException if there are no layers or a layer does not accept its
   *     predecessor's output
   */
  public Sequential(Shape sampleShape, List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("Sequential: expected at least one layer, got none");
    }
    this.sampleShape = sampleShape;
    this.layers = List.copyOf(layers);
    List<Shape> shapes = new ArrayList<>();
    Shape shape = sampleShape.batched(1);
    for (int i = 0; i < this.layers.size(); i++) {
      try {
        shape = this.layers.get(i).outputShape(shape);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Sequential: layer " + (i + 1) + " of " + this.layers.size() + ": " + e.getMessage(),
            e);
      }
      shapes.add(shape);
    }
    this.outputShapes = List.copyOf(shapes);
    List<Parameter> allParameters = new ArrayList<>();
    List<Tensor> allState = new ArrayList<>();
    int first = this.layers.size();
    for (int i = 0; i < this.layers.size(); i++) {
      Layer layer = this.layers.get(i);
      if (first == this.layers.size() && !layer.parameters().isEmpty()) {
        first = i;
      }
      allParameters.addAll(layer.parameters());
      allState.addAll(layer.state());
    }
    this.parameters = List.copyOf(allParameters);
    this.state = List.copyOf(allState);
    this.firstWithParameters = first;
  }

  /** {@return the layers, in the order they are applied} */
  public List<Layer> layers() {
    return layers;
  }

  /** {@return the shape of one input sample, without the batch dimension} */
  public Shape sampleShape() {
    return sampleShape;
  }

  @Override
  public Shape outputShape(Shape in) {
    requireSampleShape(in);
    return outputShapes.getLast().withDim(0, in.dim(0));
  }

  /**
   * @param x {@code [N, ...sampleShape]}, every value finite
   * @throws IllegalArgumentException if the shape is wrong or a value is NaN or infinite
   */
  @Override
  public Tensor forward(Tensor x, Mode mode) {
    requireSampleShape(x.shape());
    x.requireFinite("Sequential: input");
    Tensor y = x;
    for (Layer layer : layers) {
      y = layer.forward(y, mode);
    }
    return y;
  }

  @Override
  public Tensor backward(Tensor dy) {
    Tensor g = dy;
    for (int i = layers.size() - 1; i >= 0; i--) {
      g = layers.get(i).backward(g);
    }
    return g;
  }

  /**
   * Adds every parameter's gradient for {@code dy}, like {@link #backward}, but stops at the first
   * layer with parameters and lets it skip its input gradient: what training needs, and less work.
   */
  @Override
  public void backwardParametersOnly(Tensor dy) {
    int first = firstWithParameters;
    Tensor g = dy;
    for (int i = layers.size() - 1; i > first; i--) {
      g = layers.get(i).backward(g);
    }
    if (first < layers.size()) {
      layers.get(first).backwardParametersOnly(g);
    }
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Every layer's non-trained state (running statistics), in layer order. */
  @Override
  public List<Tensor> state() {
    return state;
  }

  /** {@return the number of trainable values} */
  public long parameterCount() {
    long count = 0;
    for (Parameter parameter : parameters()) {
      count += parameter.shape().size();
    }
    return count;
  }

  /** Sets every parameter's gradient to zero, before a new batch. */
  public void zeroGrad() {
    for (Parameter parameter : parameters()) {
      parameter.zeroGrad();
    }
  }

  /**
   * {@return one line per layer with its output shape and parameter count} Like Keras's summary;
   * the columns are as wide as their longest entry, so that they stay aligned whatever the layers'
   * names.
   */
  public String summary() {
    int nameWidth = "layer".length();
    int shapeWidth = "output (one sample)".length();
    for (int i = 0; i < layers.size(); i++) {
      nameWidth = Math.max(nameWidth, layers.get(i).toString().length());
      shapeWidth = Math.max(shapeWidth, outputShapes.get(i).sample().toString().length());
    }
    String row = "%-" + nameWidth + "s  %-" + shapeWidth + "s  %10s%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(row, "layer", "output (one sample)", "parameters"));
    for (int i = 0; i < layers.size(); i++) {
      long count = 0;
      for (Parameter parameter : layers.get(i).parameters()) {
        count += parameter.shape().size();
      }
      out.append(String.format(row, layers.get(i), outputShapes.get(i).sample().toString(), count));
    }
    out.append(String.format(row, "total", "", parameterCount()));
    return out.toString();
  }

  private void requireSampleShape(Shape in) {
    boolean fits = in.rank() == sampleShape.rank() + 1;
    for (int i = 0; fits && i < sampleShape.rank(); i++) {
      fits = in.dim(i + 1) == sampleShape.dim(i);
    }
    if (!fits) {
      String expected = sampleShape.toString().replace("[", "[N, ");
      throw new IllegalArgumentException("Sequential: expected input " + expected + ", got " + in);
    }
  }

  @Override
  public String toString() {
    return "Sequential" + layers;
  }
}
