package dev.handwritten.mnist.recognize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.layers.Sequential;
import dev.handwritten.mnist.model.ModelFile;
import dev.handwritten.mnist.model.Presets;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rejection gate: its file's checks, its verdicts, and a recognizer that carries them. */
class GateTest {
  private static Gate constant(String threshold, float... logits) throws IOException {
    return TestGates.constant(threshold, logits);
  }

  private static ModelFile.Loaded file(String threshold, float... logits) {
    return TestGates.file(threshold, logits);
  }

  @Test
  void belowTheThreshold_isRejected_asTheMostLikelyKindOfNonDigit() throws IOException {
    // softmax(ln 3, 0, ln 4, 0, ln 2) = (3, 1, 4, 1, 2) / 11: p(digit) = 3/11 = 0.273.
    float ln2 = (float) Math.log(2);
    float ln3 = (float) Math.log(3);
    float ln4 = (float) Math.log(4);
    Gate strict = constant("0.5", ln3, 0, ln4, 0, ln2);
    Verdict v = strict.judge(images(1)).getFirst();
    assertTrue(v.rejected());
    assertEquals(Verdict.Kind.SCRIBBLE, v.kind()); // 4/11, the largest after the digit's
    assertEquals(3 / 11.0, v.score(), 1e-6);
    assertEquals(0.5f, v.threshold());
    assertEquals("not a digit (looks like a scribble or stroke)", v.reason());

    Gate lenient = constant("0.25", ln3, 0, ln4, 0, ln2);
    Verdict accepted = lenient.judge(images(1)).getFirst();
    assertFalse(accepted.rejected());
    assertEquals(Verdict.Kind.DIGIT, accepted.kind()); // accepted: a digit, whatever else scored
    assertEquals("", accepted.reason());
  }

  @Test
  void aRecognizerWithAGate_addsVerdicts_andLeavesTheProbabilitiesAlone() throws IOException {
    Sequential classifier = RecognizerTest.pictureModel(0f, (float) Math.log(3)); // (1/4, 3/4)
    Gate gate = constant("0.5", 0, 5, 0, 0, 0); // sure it is a character
    Recognizer plain = Recognizer.inPlace(List.of(classifier));
    Recognizer judged = Recognizer.inPlace(List.of(classifier), gate);

    Recognition before = plain.recognize(new float[28 * 28]);
    Recognition after = judged.recognize(new float[28 * 28]);
    assertFalse(before.verdict().judged());
    assertFalse(before.rejected());
    assertTrue(after.rejected());
    assertEquals(Verdict.Kind.CHARACTER, after.verdict().kind());
    assertArrayEquals(before.probabilities(), after.probabilities());
    assertEquals(1, after.digit()); // the best guess is still there
    assertEquals(gate, judged.gate().orElseThrow());
    assertTrue(
        after.toString().startsWith("Recognition[not a digit (looks like a letter or symbol);"),
        after.toString());
  }

  @Test
  void aBatch_isJudgedImageByImage() throws IOException {
    Gate gate = constant("0.5", 3, 0, 0, 0, 0);
    Recognizer r = Recognizer.inPlace(List.of(RecognizerTest.pictureModel(0f, 0f)), gate);
    List<Recognition> answers = r.recognize(images(3));
    assertEquals(3, answers.size());
    for (Recognition a : answers) {
      assertFalse(a.rejected());
      assertEquals(28 * 28, a.input().length);
    }
  }

  @Test
  void aGateFile_needsItsClasses_andAThreshold() {
    assertEquals(
        "test gate: expected a threshold in [0, 1] under the metadata key 'threshold', got '1.5';"
            + " run 'mnist rejection calibrate' on it",
        assertThrows(IOException.class, () -> constant("1.5", 0, 0, 0, 0, 0)).getMessage());
    assertThrows(IOException.class, () -> constant("none", 0, 0, 0, 0, 0));

    ModelFile.Loaded reordered = file("0.5", 0, 0, 0, 0, 0);
    reordered.metadata().put(Gate.CLASSES, "character,digit,scribble,blank,several_digits");
    assertEquals(
        "test gate: expected classes 'digit,character,scribble,blank,several_digits', got"
            + " 'character,digit,scribble,blank,several_digits'",
        assertThrows(IOException.class, () -> Gate.of(reordered, "test gate")).getMessage());
  }

  @Test
  void aModelThatIsNoGate_isRefused() {
    ModelFile.Loaded classifier =
        new ModelFile.Loaded(
            Presets.REFERENCE,
            Presets.REFERENCE.build(0),
            Map.of(Gate.CLASSES, Gate.classNames(), Gate.THRESHOLD, "0.5"));
    assertEquals(
        "classifier: expected a gate, a model from [1, 28, 28] to 5 classes, got one from"
            + " [1, 28, 28] to [1, 10]",
        assertThrows(IOException.class, () -> Gate.of(classifier, "classifier")).getMessage());
  }

  @Test
  void aGate_needsPictures() throws IOException {
    Gate gate = constant("0.5", 0, 0, 0, 0, 0);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Recognizer.inPlace(List.of(RecognizerTest.constant(0f, 0f)), gate));
    assertEquals(
        "a gate judges 28 x 28 pictures, [1, 28, 28], but the models take [1, 1, 1]; use them"
            + " without a gate",
        e.getMessage());
  }

  private static dev.handwritten.tensor.Tensor images(int n) {
    return dev.handwritten.tensor.Tensor.zeros(n, 1, 28, 28);
  }
}
