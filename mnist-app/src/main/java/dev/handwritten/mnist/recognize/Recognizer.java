package dev.handwritten.mnist.recognize;

import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.loss.SoftmaxCrossEntropy;
import dev.handwritten.mnist.data.DigitImage;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.model.ModelInfo;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way the app runs a trained model: {@code evaluate}, {@code predict} and {@code serve} all
 * go through it. It loads a model (the one bundled with the app by default) or an ensemble of
 * several, whose probabilities it averages, and answers for images or pictures:
 *
 * <pre>{@code
 * Recognizer recognizer = Recognizer.bundled();
 * Recognition r = recognizer.recognize(Path.of("my-digit.png"));   // prepared like MNIST
 * r.digit();        // 7
 * r.top(3);         // [Guess[digit=7, probability=0.998], Guess[digit=1, ...], ...]
 * float[] p = recognizer.probabilities(images);                      // [N, 1, 28, 28] -> [N, 10]
 * }</pre>
 *
 * <p>Safe to call from any number of threads at once. Layers own their output buffers, so a model
 * runs one forward pass at a time; the recognizer lends each caller a replica of the models (same
 * weights, own buffers), making at most {@code maxReplicas} of them, by default one per core. A
 * caller beyond that waits for a free replica. The answers do not depend on which replica, or how
 * many threads, computed them: every replica computes the same bits.
 */
public final class Recognizer {
  /* Design notes: a pool rather than a replica per thread (a ThreadLocal), because a server's
   * threads come and go and each replica holds the activations of its largest batch; a pool keeps
   * memory at maxReplicas copies whatever the number of threads. Building a replica costs a model's
   * weights copied once (about 1 ms for the bundled model), so replicas are made lazily. */

  private final List<ModelInfo> models;
  private final Shape sampleShape;
  private final int classes;
  private final ReplicaPool pool;

  private Recognizer(
      List<ModelInfo> models, List<Sequential> first, ReplicaFactory factory, int maxReplicas) {
    this.models = List.copyOf(models);
    this.sampleShape = first.getFirst().sampleShape();
    this.classes = checkEnsemble(first, sampleShape);
    this.pool = new ReplicaPool(first, factory::make, maxReplicas);
  }

  private interface ReplicaFactory {
    List<Sequential> make();
  }

  /** The model shipped inside the app. */
  public static Recognizer bundled() throws IOException {
    return of(List.of(ModelFile.bundled()), List.of("bundled"));
  }

  /**
   * The models in {@code files}, averaged when there are several; the bundled model when {@code
   * files} is empty.
   *
   * @throws IOException naming the file that is missing or not a valid model
   * @throws IllegalArgumentException if the models disagree on their input or their classes
   */
  public static Recognizer load(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      return bundled();
    }
    List<ModelFile.Loaded> loaded = new ArrayList<>();
    for (Path file : files) {
      loaded.add(ModelFile.load(file));
    }
    return of(loaded, files.stream().map(Path::toString).toList());
  }

  /**
   * Loaded models, averaged when there are several.
   *
   * @param sources where each came from, for {@link #models()}
   * @throws IllegalArgumentException if the models disagree on their input or their classes
   */
  public static Recognizer of(List<ModelFile.Loaded> loaded, List<String> sources) {
    if (loaded.isEmpty() || loaded.size() != sources.size()) {
      throw new IllegalArgumentException(
          "Recognizer: expected one source per model and at least one model, got "
              + loaded.size()
              + " models and "
              + sources.size()
              + " sources");
    }
    List<ModelInfo> infos = new ArrayList<>();
    for (int i = 0; i < loaded.size(); i++) {
      infos.add(loaded.get(i).info(sources.get(i)));
    }
    return new Recognizer(
        infos,
        loaded.stream().map(ModelFile.Loaded::model).toList(),
        () -> loaded.stream().map(ModelFile.Loaded::replica).toList(),
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * Models used as they are, such as one still in training: the recognizer makes no replica, so its
   * callers take turns, and each answer uses the weights of that moment. For evaluating a model
   * between epochs, and for models built in code.
   *
   * @throws IllegalArgumentException if there are no models, or they disagree on their input or
   *     their classes
   */
  public static Recognizer inPlace(List<Sequential> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("Recognizer: expected at least one model, got none");
    }
    return new Recognizer(
        models.stream()
            .map(m -> new ModelInfo("in memory", "unnamed", m.parameterCount(), Map.of()))
            .toList(),
        models,
        () -> {
          throw new IllegalStateException("Recognizer.inPlace: makes no replicas");
        },
        1);
  }

  /** How many replica sets exist so far, the loaded models included; for tests. */
  int replicasMade() {
    return pool.made();
  }

  /** The models, in the order given. */
  public List<ModelInfo> models() {
    return models;
  }

  /**
   * For example {@code bundled model}, {@code runs/a/model.hwnn}, or {@code an ensemble of 2 models
   * (a.hwnn, b.hwnn)}.
   */
  public String describe() {
    if (models.size() > 1) {
      return "an ensemble of "
          + models.size()
          + " models ("
          + String.join(", ", models.stream().map(ModelInfo::source).toList())
          + ")";
    }
    String source = models.getFirst().source();
    return source.equals("bundled") ? "bundled model (" + ModelFile.BUNDLED + ")" : source;
  }

  /** The shape of one input, e.g. {@code [1, 28, 28]}. */
  public Shape sampleShape() {
    return sampleShape;
  }

  /** How many classes the models tell apart. */
  public int classes() {
    return classes;
  }

  /**
   * The class probabilities of a batch: each model's softmax, averaged over the ensemble.
   *
   * @param images {@code [N, ...sampleShape]}, every value finite
   * @return {@code [N, classes]} row by row, a new array
   * @throws IllegalArgumentException if the images do not fit the models or hold NaN or infinity
   */
  public float[] probabilities(Tensor images) {
    return pool.withModels(
        replicas -> {
          float[] mean = null;
          for (Sequential model : replicas) {
            Tensor logits = model.forward(images, Mode.EVAL); // [N, classes]
            Tensor p = Tensor.zeros(logits.shape());
            SoftmaxCrossEntropy.softmax(logits, p);
            if (mean == null) {
              mean = p.data();
            } else {
              for (int i = 0; i < mean.length; i++) {
                mean[i] += p.data()[i];
              }
            }
          }
          if (replicas.size() > 1) {
            for (int i = 0; i < mean.length; i++) {
              mean[i] /= replicas.size();
            }
          }
          return mean;
        });
  }

  /**
   * Lends the models (one per member of the ensemble, in order) to {@code work} for this call
   * alone, for looking inside them: their layers' outputs, and gradients through a backward pass.
   * {@code work} must run them in {@link Mode#EVAL}, leave their weights and state as they are, and
   * keep no reference to them; a backward pass adds into the parameters' gradients, which the
   * recognizer never reads. Waits for a free replica, as every other call does.
   */
  public <T> T withModels(java.util.function.Function<List<Sequential>, T> work) {
    return pool.withModels(work);
  }

  /**
   * Recognizes one image that is already prepared.
   *
   * @param image one sample of {@link #sampleShape()}, e.g. 28 x 28 floats in [0, 1], ink high
   * @throws IllegalArgumentException if it has the wrong size or holds NaN or infinity
   */
  public Recognition recognize(float[] image) {
    if (image.length != sampleShape.size()) {
      throw new IllegalArgumentException(
          "Recognizer: expected an image of "
              + sampleShape.size()
              + " values "
              + sampleShape
              + ", got "
              + image.length);
    }
    float[] input = image.clone();
    return new Recognition(input, probabilities(Tensor.of(input, sampleShape.batched(1))));
  }

  /**
   * Reads a picture of one digit (PNG, JPEG, GIF or BMP), prepares it the way MNIST's digits were
   * made ({@link DigitImage}) and recognizes it.
   *
   * @throws IOException naming the file when it is missing, not a picture, or shows no digit
   * @throws IllegalStateException if the models do not take 28 x 28 pictures
   */
  public Recognition recognize(Path picture) throws IOException {
    requirePictureModel();
    return recognize(DigitImage.read(picture));
  }

  private void requirePictureModel() {
    Shape pictures = Shape.of(1, DigitImage.SIZE, DigitImage.SIZE);
    if (!sampleShape.equals(pictures)) {
      throw new IllegalStateException(
          "expected a model of 28 x 28 pictures, " + pictures + ", got one of " + sampleShape);
    }
  }

  /** The number of classes, once every model of the ensemble agrees on input and classes. */
  private static int checkEnsemble(List<Sequential> models, Shape sampleShape) {
    int classes = -1;
    for (int i = 0; i < models.size(); i++) {
      Sequential model = models.get(i);
      if (!model.sampleShape().equals(sampleShape)) {
        throw new IllegalArgumentException(
            "model 1 of the ensemble takes "
                + sampleShape
                + " but model "
                + (i + 1)
                + " takes "
                + model.sampleShape());
      }
      Shape out = model.outputShape(sampleShape.batched(1));
      if (out.rank() != 2) {
        throw new IllegalArgumentException(
            "model " + (i + 1) + " gives " + out + " per image, expected one score per class");
      }
      if (classes >= 0 && out.dim(1) != classes) {
        throw new IllegalArgumentException(
            "model 1 of the ensemble has "
                + classes
                + " classes but model "
                + (i + 1)
                + " has "
                + out.dim(1));
      }
      classes = out.dim(1);
    }
    return classes;
  }
}
