package dev.handwritten.mnist.serve;

import dev.handwritten.layers.Dense;
import dev.handwritten.layers.Flatten;
import dev.handwritten.layers.Layer;
import dev.handwritten.layers.Mode;
import dev.handwritten.layers.Sequential;
import dev.handwritten.tensor.Shape;
import dev.handwritten.tensor.Tensor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A layer that lets its input through unchanged, after doing something on purpose: holding the
 * request until the test releases it, or failing as a bug would. For the server's limits and its
 * 500.
 */
final class Gate implements Layer {
  /** What the gate does on each forward pass. */
  interface Action {
    void run();

    default void awaitEntered() throws InterruptedException {}

    default void release() {}
  }

  /** Holds every forward pass until {@link Action#release()}. */
  static Action hold() {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    return new Action() {
      @Override
      public void run() {
        entered.countDown();
        try {
          if (!released.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Gate: never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void awaitEntered() throws InterruptedException {
        entered.await(30, TimeUnit.SECONDS);
      }

      @Override
      public void release() {
        released.countDown();
      }
    };
  }

  /** Fails every forward pass, as a bug would. */
  static Action fail() {
    return () -> {
      throw new IllegalStateException("broken on purpose");
    };
  }

  /** Gate, then a dense layer to ten classes, on 28 x 28 pictures. */
  static Sequential model(Action action) {
    return new Sequential(
        Shape.of(1, 28, 28), new Gate(action), new Flatten(), new Dense(784, 10, 1));
  }

  /** A model of flat vectors of 784, which the server must refuse. */
  static Sequential flatModel() {
    return new Sequential(Shape.of(784), new Dense(784, 10, 1));
  }

  private final Action action;

  private Gate(Action action) {
    this.action = action;
  }

  @Override
  public Shape outputShape(Shape input) {
    return input;
  }

  @Override
  public Tensor forward(Tensor x, Mode mode) {
    action.run();
    return x;
  }

  @Override
  public Tensor backward(Tensor dy) {
    return dy;
  }
}
