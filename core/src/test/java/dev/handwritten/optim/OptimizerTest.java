package dev.handwritten.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.layers.Parameter;
import dev.handwritten.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {
  private static Parameter scalar(float value) {
    Parameter p = new Parameter("w", Shape.of(1));
    p.value().data()[0] = value;
    return p;
  }

  @Test
  void sgdWithMomentum_twoStepsByHand() {
    // lr 0.1, momentum 0.9, gradient 1 twice:
    // v1 = 1,               w1 = 1 - 0.1 * 1 = 0.9
    // v2 = 0.9 * 1 + 1 = 1.9, w2 = 0.9 - 0.1 * 1.9 = 0.71
    Parameter w = scalar(1);
    Sgd sgd = new Sgd(List.of(w), 0.1, 0.9);
    w.grad().data()[0] = 1;
    sgd.step();
    assertEquals(0.9f, w.value().data()[0], 1e-7);
    sgd.step();
    assertEquals(0.71f, w.value().data()[0], 1e-7);
  }

  @Test
  void plainSgd_stepsAgainstTheGradient() {
    Parameter w = scalar(2);
    w.grad().data()[0] = -3;
    new Sgd(List.of(w), 0.5, 0).step();
    assertEquals(3.5f, w.value().data()[0]);
  }

  @Test
  void adam_twoStepsByHand() {
    // lr 0.1, betas (0.9, 0.999), eps 1e-8, w = 1.
    // t=1, g=0.5:  m = 0.05, v = 0.00025; m^ = 0.5, v^ = 0.25; w = 1 - 0.1 * 0.5 / 0.5 = 0.9
    //   (the first Adam step has size lr whatever the gradient's scale)
    // t=2, g=-1:   m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975
    //   m^ = -0.055 / 0.19 = -0.2894737, v^ = 0.00124975 / 0.001999 = 0.6251876
    //   w = 0.9 + 0.1 * 0.2894737 / sqrt(0.6251876) = 0.9366104
    Parameter w = scalar(1);
    Adam adam = new Adam(List.of(w), new Adam.Config(0.1, 0.9, 0.999, 1e-8));
    w.grad().data()[0] = 0.5f;
    adam.step();
    assertEquals(0.9f, w.value().data()[0], 1e-6);
    w.grad().data()[0] = -1;
    adam.step();
    assertEquals(0.9366104f, w.value().data()[0], 1e-6);
    assertEquals(2, adam.steps());
  }

  @Test
  void adam_restoredFromItsState_continuesBitForBit() {
    // Three steps straight, against one step, a save, and two steps by a fresh Adam that restored
    // the state over a copy of the weights: the same bits, as resuming training needs.
    float[] gradients = {0.5f, -1, 0.25f};
    Parameter straight = scalar(1);
    Adam adam = new Adam(List.of(straight), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.01));
    for (float g : gradients) {
      straight.grad().data()[0] = g;
      adam.step();
    }

    Parameter first = scalar(1);
    Adam before = new Adam(List.of(first), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.01));
    first.grad().data()[0] = gradients[0];
    before.step();
    Adam.State saved = before.state();
    Parameter resumed = scalar(first.value().data()[0]);
    Adam after = new Adam(List.of(resumed), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.01));
    after.restore(saved);
    for (int i = 1; i < gradients.length; i++) {
      resumed.grad().data()[0] = gradients[i];
      after.step();
    }

    assertEquals(
        Float.floatToRawIntBits(straight.value().data()[0]),
        Float.floatToRawIntBits(resumed.value().data()[0]));
    assertEquals(3, after.steps());
  }

  @Test
  void adam_restore_rejectsMomentsOfAnotherShape() {
    Adam adam = new Adam(List.of(scalar(1)), 0.1);
    var wrong = new Adam.State(1, List.of(new float[2]), List.of(new float[2]));
    var e = assertThrows(IllegalArgumentException.class, () -> adam.restore(wrong));
    assertEquals(
        "Adam.restore: expected 1 moments for parameter 0 (w), got 2 and 2", e.getMessage());
  }

  @Test
  void adam_defaultsArePyTorchs() {
    assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8), Adam.Config.DEFAULT);
  }

  @Test
  void optimizers_rejectBadSettings() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> new Adam.Config(-1, 0.9, 0.999, 1e-8));
    assertEquals("Adam: expected a positive finite learning rate, got -1.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Adam.Config(1e-3, 1.0, 0.999, 1e-8));
    var sgd =
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(scalar(0)), 0.1, 1.5));
    assertEquals("Sgd: expected momentum in [0, 1), got 1.5", sgd.getMessage());
  }

  @Test
  void setLearningRate_changesTheNextStep() {
    Parameter w = scalar(0);
    Sgd sgd = new Sgd(List.of(w), 1, 0);
    sgd.setLearningRate(0.25);
    w.grad().data()[0] = 1;
    sgd.step();
    assertEquals(-0.25f, w.value().data()[0]);
  }

  @Test
  void adamW_decaysWeightsOutsideTheAdaptiveStep() {
    // lr 0.1, weight decay 0.5, w = 2, g = 0.5: first w *= 1 - 0.1 * 0.5 = 0.95 -> 1.9, then the
    // first Adam step of size lr: 1.9 - 0.1 = 1.8.
    Parameter w = scalar(2);
    Adam adamW = new Adam(List.of(w), new Adam.Config(0.1, 0.9, 0.999, 1e-8, 0.5));
    w.grad().data()[0] = 0.5f;
    adamW.step();
    assertEquals(1.8f, w.value().data()[0], 1e-6);
  }

  @Test
  void schedules_givePyTorchsRates() {
    assertEquals(0.1, new LearningRateSchedule.Constant(0.1).rate(7), 0);
    // Step decay by 0.5 every 2 epochs: epochs [0, 2) at 0.1, [2, 4) at 0.05.
    var step = new LearningRateSchedule.StepDecay(0.1, 2, 0.5);
    assertEquals(0.1, step.rate(1.9), 1e-12);
    assertEquals(0.05, step.rate(2), 1e-12);
    assertEquals(0.1 * 0.9 * 0.9, new LearningRateSchedule.Exponential(0.1, 0.9).rate(2), 1e-12);
    // Cosine from 0.1 to 0 over 10 epochs: halfway is the mean, the end is the minimum.
    var cosine = new LearningRateSchedule.Cosine(0.1, 0, 10);
    assertEquals(0.05, cosine.rate(5), 1e-12);
    assertEquals(0, cosine.rate(12), 1e-12);
    // One cycle to 0.01 over 10 epochs with 30% warm-up: starts at 0.01/25, peaks at epoch 3.
    var cycle = new LearningRateSchedule.OneCycle(0.01, 10, 0.3);
    assertEquals(0.0004, cycle.rate(0), 1e-12);
    assertEquals(0.01, cycle.rate(3), 1e-12);
    assertEquals(0.0004 / 1e4, cycle.rate(10), 1e-12);
  }
}
