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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * <p>A recognizer may have a rejection {@link Gate}, a separate small network that says whether an
 * image shows a digit at all: each {@link Recognition} then carries its {@link Verdict}, and a
 * letter, a scribble, blank paper or two digits in one box come back {@link Recognition#rejected()
 * rejected}, with the classifier's probabilities unchanged beside the verdict. The bundled
 * recognizer, and one loaded from files, use the gate bundled with the app.
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

  /** The input of models that read pictures, and of every gate. */
  private static final Shape PICTURES = Shape.of(1, DigitImage.SIZE, DigitImage.SIZE);

  private final List<ModelInfo> models;
  private final Shape sampleShape;
  private final int classes;
  private final Optional<Gate> gate;
  private final ReplicaPool pool; // each set: the classifiers, then the gate if there is one

  private Recognizer(
      List<ModelInfo> models,
      List<Sequential> first,
      ReplicaFactory factory,
      int maxReplicas,
      Optional<Gate> gate) {
    this.models = List.copyOf(models);
    this.sampleShape = first.getFirst().sampleShape();
    this.classes = checkEnsemble(first, sampleShape);
    gate.ifPresent(this::requirePictureModel);
    this.gate = gate;
    this.pool =
        new ReplicaPool(
            withGate(first, gate.map(Gate::model)),
            () -> withGate(factory.make(), gate.map(Gate::replica)),
            maxReplicas);
  }

  private static List<Sequential> withGate(List<Sequential> models, Optional<Sequential> gate) {
    List<Sequential> set = new ArrayList<>(models);
    gate.ifPresent(set::add);
    return set;
  }

  private interface ReplicaFactory {
    List<Sequential> make();
  }

  /** The model shipped inside the app, with the bundled gate if this build has one. */
  public static Recognizer bundled() throws IOException {
    return create(List.of(ModelFile.bundled()), List.of("bundled"), Gate.bundled());
  }

  /**
   * The models in {@code files}, averaged when there are several; the bundled model when {@code
   * files} is empty. They get the bundled gate if this build has one and they take 28 x 28
   * pictures.
   *
   * @throws IOException naming the file that is missing or not a valid model
   * @throws IllegalArgumentException if the models disagree on their input or their classes
   */
  public static Recognizer load(List<Path> files) throws IOException {
    if (files.isEmpty()) {
      return bundled();
    }
    List<ModelFile.Loaded> loaded = loadAll(files);
    Optional<Gate> gate =
        Gate.bundled().filter(g -> loaded.getFirst().model().sampleShape().equals(PICTURES));
    return create(loaded, files.stream().map(Path::toString).toList(), gate);
  }

  /**
   * The models in {@code files} (the bundled model when it is empty), judged by {@code gate}.
   *
   * @throws IOException naming the file that is missing or not a valid model
   * @throws IllegalArgumentException if the models disagree on their input or their classes
   * @throws IllegalStateException if the models do not take 28 x 28 pictures, as the gate does
   */
  public static Recognizer load(List<Path> files, Gate gate) throws IOException {
    if (files.isEmpty()) {
      return create(List.of(ModelFile.bundled()), List.of("bundled"), Optional.of(gate));
    }
    return create(loadAll(files), files.stream().map(Path::toString).toList(), Optional.of(gate));
  }

  private static List<ModelFile.Loaded> loadAll(List<Path> files) throws IOException {
    List<ModelFile.Loaded> loaded = new ArrayList<>();
    for (Path file : files) {
      loaded.add(ModelFile.load(file));
    }
    return loaded;
  }

  /**
   * Loaded models, averaged when there are several; without a gate, so nothing is rejected.
   *
   * @param sources where each came from, for {@link #models()}
   * @throws IllegalArgumentException if the models disagree on their input or their classes
   */
  public static Recognizer of(List<ModelFile.Loaded> loaded, List<String> sources) {
    return create(loaded, sources, Optional.empty());
  }

  /**
   * Loaded models, averaged when there are several, judged by {@code gate}.
   *
   * @param sources where each came from, for {@link #models()}
   * @throws IllegalArgumentException if the models disagree on their input or their classes
   * @throws IllegalStateException if the models do not take 28 x 28 pictures, as the gate does
   */
  public static Recognizer of(List<ModelFile.Loaded> loaded, List<String> sources, Gate gate) {
    return create(loaded, sources, Optional.of(gate));
  }

  private static Recognizer create(
      List<ModelFile.Loaded> loaded, List<String> sources, Optional<Gate> gate) {
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
        Runtime.getRuntime().availableProcessors(),
        gate);
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
    return inPlace(models, Optional.empty());
  }

  /**
   * Models used as they are, as {@link #inPlace(List)}, judged by {@code gate}; the gate's own
   * model is used in place too.
   *
   * @throws IllegalArgumentException if there are no models, or they disagree on their input or
   *     their classes
   * @throws IllegalStateException if the models do not take 28 x 28 pictures, as the gate does
   */
  public static Recognizer inPlace(List<Sequential> models, Gate gate) {
    return inPlace(models, Optional.of(gate));
  }

  private static Recognizer inPlace(List<Sequential> models, Optional<Gate> gate) {
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
        1,
        gate);
  }

  /** How many replica sets exist so far, the loaded models included; for tests. */
  int replicasMade() {
    return pool.made();
  }

  /** The models, in the order given. */
  public List<ModelInfo> models() {
    return models;
  }

  /** The rejection gate that judges each image, if this recognizer has one. */
  public Optional<Gate> gate() {
    return gate;
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
    return pool.withModels(set -> meanProbabilities(set.subList(0, models.size()), images));
  }

  /**
   * The class probabilities of a large set of images, in batches of at most {@code batchSize}
   * forward passes, on {@code threads} threads at once (each with its own replica of the models).
   * Memory holds {@code threads} batches' activations, not the whole set's; the answer is the same,
   * bit for bit, at any batch size and thread count (each image's forward pass does not depend on
   * the others in its batch).
   *
   * @param images {@code [N, ...sampleShape]}, every value finite
   * @return {@code [N, classes]} row by row, a new array
   * @throws IllegalArgumentException if the images do not fit the models or hold NaN or infinity,
   *     or {@code batchSize} or {@code threads} is below 1
   */
  public float[] probabilities(Tensor images, int batchSize, int threads) {
    if (batchSize < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "Recognizer: expected batchSize >= 1 and threads >= 1, got "
              + batchSize
              + " and "
              + threads);
    }
    int n = images.shape().dim(0);
    int size = images.shape().sample().size();
    float[] out = new float[n * classes];
    List<Runnable> batches = new ArrayList<>();
    for (int from = 0; from < n; from += batchSize) {
      int first = from;
      int count = Math.min(batchSize, n - from);
      batches.add(
          () -> {
            Tensor x =
                Tensor.of(
                    Arrays.copyOfRange(images.data(), first * size, (first + count) * size),
                    images.shape().withDim(0, count));
            System.arraycopy(probabilities(x), 0, out, first * classes, count * classes);
          });
    }
    if (threads == 1 || batches.size() == 1) {
      batches.forEach(Runnable::run);
      return out;
    }
    try (ExecutorService workers =
        Executors.newFixedThreadPool(Math.min(threads, batches.size()))) {
      List<Future<?>> running = batches.stream().<Future<?>>map(workers::submit).toList();
      for (Future<?> batch : running) {
        batch.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Recognizer: interrupted", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error r -> throw r;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
    return out;
  }

  /**
   * The raw scores of a single model before its softmax, for measures that need them (such as the
   * energy score of {@code docs/rejection.md}). An ensemble averages probabilities, so it has no
   * logits of its own.
   *
   * @param images {@code [N, ...sampleShape]}, every value finite
   * @return {@code [N, classes]} row by row, a new array
   * @throws IllegalStateException for an ensemble
   * @throws IllegalArgumentException if the images do not fit the model or hold NaN or infinity
   */
  public float[] logits(Tensor images) {
    if (models.size() != 1) {
      throw new IllegalStateException(
          "Recognizer: an ensemble of " + models.size() + " models has no logits of its own");
    }
    return pool.withModels(set -> forwardInPasses(set.getFirst(), images).data());
  }

  /**
   * Recognizes a batch of prepared images: the classifier's probabilities and, with a gate, its
   * verdict on each.
   *
   * @param images {@code [N, ...sampleShape]}, every value finite
   * @return one answer per image, in order
   * @throws IllegalArgumentException if the images do not fit the models or hold NaN or infinity
   */
  public List<Recognition> recognize(Tensor images) {
    int n = images.shape().dim(0);
    int size = sampleShape.size();
    float[][] outputs =
        pool.withModels(
            set -> {
              float[] p = meanProbabilities(set.subList(0, models.size()), images);
              if (gate.isEmpty()) {
                return new float[][] {p};
              }
              Tensor logits = forwardInPasses(set.getLast(), images); // [N, kinds]
              Tensor g = Tensor.zeros(logits.shape());
              SoftmaxCrossEntropy.softmax(logits, g);
              return new float[][] {p, g.data()};
            });
    int kinds = Verdict.Kind.values().length;
    List<Recognition> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] input = Arrays.copyOfRange(images.data(), i * size, (i + 1) * size);
      float[] p = Arrays.copyOfRange(outputs[0], i * classes, (i + 1) * classes);
      Verdict verdict =
          gate.isPresent() ? gate.get().verdict(outputs[1], i * kinds) : Verdict.UNJUDGED;
      out.add(new Recognition(input, p, verdict));
    }
    return out;
  }

  /**
   * Images per forward pass, however many a call brings. The layers unfold a whole batch at once
   * (conv2's rows: 140 KB per image), so a batch of 256 is 35 MB that no cache holds, and batch-256
   * inference ran slower per image than batch 1. A few images at a time keep a pass in the cache
   * and the products long enough to run near peak; each image's answer does not depend on the
   * others in its pass, so the answers are the same bit for bit. Measured with {@code mnist bench
   * --seconds 0.5} (AMD EPYC, AVX2, 2 threads), batch-256 images/s for passes of 4, 8, 16, 32 and
   * the whole batch: 7,140, 7,231, 6,152, 6,216 and 5,081.
   */
  static final int FORWARD_CHUNK = 8;

  /**
   * {@code model}'s outputs, {@link #FORWARD_CHUNK} images per forward pass: {@code [N, outputs]},
   * a new tensor. The whole batch is checked first, so that a wrong shape or a NaN is named by its
   * place in what the caller gave, not in a pass.
   */
  private static Tensor forwardInPasses(Sequential model, Tensor images) {
    Shape outShape = model.outputShape(images.shape());
    images.requireFinite("Recognizer: images");
    int n = images.shape().dim(0);
    if (n <= FORWARD_CHUNK) {
      return model.forward(images, Mode.EVAL).copy();
    }
    Tensor out = Tensor.zeros(outShape);
    int size = images.shape().sample().size();
    int width = outShape.sample().size();
    Tensor pass = Tensor.zeros(images.shape().withDim(0, FORWARD_CHUNK));
    for (int from = 0; from < n; from += FORWARD_CHUNK) {
      int count = Math.min(FORWARD_CHUNK, n - from);
      if (count < FORWARD_CHUNK) {
        pass = Tensor.zeros(images.shape().withDim(0, count));
      }
      System.arraycopy(images.data(), from * size, pass.data(), 0, count * size);
      Tensor y = model.forward(pass, Mode.EVAL);
      System.arraycopy(y.data(), 0, out.data(), from * width, count * width);
    }
    return out;
  }

  /** Each model's softmax, averaged: {@code [N, classes]}. */
  private static float[] meanProbabilities(List<Sequential> replicas, Tensor images) {
    float[] mean = null;
    for (Sequential model : replicas) {
      Tensor logits = forwardInPasses(model, images); // [N, classes]
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
  }

  /**
   * Lends the models (one per member of the ensemble, in order) to {@code work} for this call
   * alone, for looking inside them: their layers' outputs, and gradients through a backward pass.
   * {@code work} must run them in {@link Mode#EVAL}, leave their weights and state as they are, and
   * keep no reference to them; a backward pass adds into the parameters' gradients, which the
   * recognizer never reads. Waits for a free replica, as every other call does. The gate's model is
   * not among them: it answers another question, with other classes.
   */
  public <T> T withModels(java.util.function.Function<List<Sequential>, T> work) {
    return pool.withModels(set -> work.apply(set.subList(0, models.size())));
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
    return recognize(Tensor.of(image.clone(), sampleShape.batched(1))).getFirst();
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
    if (!sampleShape.equals(PICTURES)) {
      throw new IllegalStateException(
          "expected a model of 28 x 28 pictures, " + PICTURES + ", got one of " + sampleShape);
    }
  }

  private void requirePictureModel(Gate gate) {
    if (!sampleShape.equals(PICTURES)) {
      throw new IllegalStateException(
          "a gate judges 28 x 28 pictures, "
              + PICTURES
              + ", but the models take "
              + sampleShape
              + "; use them without a gate");
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
