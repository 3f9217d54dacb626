package dev.handwritten.mnist.inspect;

import dev.handwritten.layers.BatchNorm2d;
import dev.handwritten.layers.Conv2d;
import dev.handwritten.layers.Layer;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Relu;
import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.recognize.Recognition;
import dev.handwritten.mnist.recognize.Recognizer;
import dev.handwritten.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Looks inside the recognizer's answer for one image: the feature maps of each convolution, and a
 * saliency map, the gradient of the winning class's score with respect to the input pixels
 * (Simonyan, Vedaldi and Zisserman, 2014), computed by the layers' own backward passes, both plain
 * and averaged over {@value #SAMPLES} copies of the image with Gaussian noise of standard deviation
 * {@value #NOISE} (SmoothGrad, Smilkov et al. 2017), seeded so that an image always gets the same
 * map.
 *
 * <pre>{@code
 * Explainer explainer = new Explainer(Recognizer.bundled());
 * Explanation e = explainer.explain(image);      // 784 floats, prepared like MNIST
 * e.digit();                                     // 7
 * e.featureMaps().getFirst();                    // 32 maps of 28 x 28 after the first block
 * e.saliency();                                  // 784 gradients: where ink pushed towards 7
 * }</pre>
 *
 * <p>Safe to call from several threads at once: it runs on replicas lent by the recognizer.
 */
public final class Explainer {
  /* Design notes: a convolution's "feature maps" are the output of its block, the convolution and
   * the per-pixel layers that follow it (batch normalization, ReLU), since that is what the next
   * layer sees; a pre-activation map is half noise below zero. The score is the logit rather than
   * the probability: the softmax saturates near 1, and a confident answer would show an empty
   * map. The noisy copies of SmoothGrad go through the network as one batch, one forward and one
   * backward pass for all of them. The backward pass adds into the parameters' gradients; they
   * are zeroed afterwards so a replica leaves as it came. */

  private static final long SEED = 1;

  /** Noisy copies averaged for the smooth saliency. */
  public static final int SAMPLES = 16;

  /** The noise's standard deviation, in pixel values (ink is 1): SmoothGrad's 10 to 20%. */
  public static final double NOISE = 0.15;

  private final Recognizer recognizer;
  private final int samples;
  private final double noise;

  public Explainer(Recognizer recognizer) {
    this(recognizer, SAMPLES, NOISE);
  }

  /** With other SmoothGrad settings; for tests. */
  Explainer(Recognizer recognizer, int samples, double noise) {
    this.recognizer = recognizer;
    this.samples = samples;
    this.noise = noise;
  }

  /**
   * Explains the answer for one prepared image.
   *
   * @param image one sample of the recognizer's {@code sampleShape()}, e.g. 28 x 28 floats in [0,
   *     1], ink high
   * @throws IllegalArgumentException if it has the wrong size or holds NaN or infinity
   */
  public Explanation explain(float[] image) {
    Recognition recognition = recognizer.recognize(image);
    int target = recognition.digit();
    float[] noisy = noisyCopies(recognition.input());
    return recognizer.withModels(
        models -> {
          float[] saliency = new float[image.length];
          float[] smooth = new float[image.length];
          List<FeatureMaps> maps = null;
          for (Sequential model : models) {
            Tensor x = Tensor.of(recognition.input().clone(), model.sampleShape().batched(1));
            List<FeatureMaps> seen = forward(model, x);
            maps = maps == null ? seen : maps;
            addGradient(model, target, 1, 1f / models.size(), saliency);
            model.forward(
                Tensor.of(noisy.clone(), model.sampleShape().batched(samples)), Mode.EVAL);
            addGradient(model, target, samples, 1f / (models.size() * samples), smooth);
          }
          return new Explanation(recognition, maps, saliency, smooth);
        });
  }

  /**
   * Adds {@code weight} times the gradient of logit {@code target}, summed over the batch of the
   * last forward pass, into {@code into}; then zeroes the parameters' gradients again.
   */
  private void addGradient(Sequential model, int target, int batch, float weight, float[] into) {
    Tensor dLogits = Tensor.zeros(batch, recognizer.classes());
    for (int n = 0; n < batch; n++) {
      dLogits.data()[n * recognizer.classes() + target] = 1;
    }
    float[] dx = model.backward(dLogits).data(); // [batch, ...sampleShape]
    model.zeroGrad();
    for (int n = 0; n < batch; n++) {
      for (int i = 0; i < into.length; i++) {
        into[i] += weight * dx[n * into.length + i];
      }
    }
  }

  /** {@code samples} copies of the image with seeded Gaussian noise, {@code [samples, size]}. */
  private float[] noisyCopies(float[] image) {
    SplittableRandom random = new SplittableRandom(SEED);
    float[] copies = new float[samples * image.length];
    for (int n = 0; n < samples; n++) {
      for (int i = 0; i < image.length; i++) {
        copies[n * image.length + i] = (float) (image[i] + noise * random.nextGaussian());
      }
    }
    return copies;
  }

  /** Runs the layers one by one in evaluation mode, keeping a copy of each block's output. */
  private static List<FeatureMaps> forward(Sequential model, Tensor x) {
    List<Layer> layers = model.layers();
    List<FeatureMaps> maps = new ArrayList<>();
    Tensor y = x;
    StringBuilder block = null;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      y = layer.forward(y, Mode.EVAL);
      if (layer instanceof Conv2d) {
        block = new StringBuilder(layer.toString());
      } else if (block != null && perPixel(layer)) {
        block.append(" + ").append(layer);
      }
      boolean blockEnds = i + 1 == layers.size() || !perPixel(layers.get(i + 1));
      if (block != null && blockEnds) {
        int[] dims = y.shape().sample().dims(); // [C, H, W]
        maps.add(new FeatureMaps(block.toString(), dims[0], dims[1], dims[2], y.data().clone()));
        block = null;
      }
    }
    return maps;
  }

  /** Layers that keep the shape and work pixel by pixel, so they belong to the block before. */
  private static boolean perPixel(Layer layer) {
    return layer instanceof BatchNorm2d || layer instanceof Relu;
  }
}
