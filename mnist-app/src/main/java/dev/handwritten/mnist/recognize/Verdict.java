package dev.handwritten.mnist.recognize;

/**
 * Whether an image shows one digit at all: the rejection gate's judgement, beside the digit
 * classifier's answer (which {@link Recognition} keeps either way).
 *
 * @param rejected true when the image is reported as not a digit
 * @param kind what the gate takes the image for; when it is rejected, the kind of non-digit the
 *     gate finds most likely
 * @param score how much the image looks like one digit, in [0, 1]; below {@code threshold} it is
 *     rejected
 * @param threshold the calibrated threshold the score was compared with
 */
public record Verdict(boolean rejected, Kind kind, float score, float threshold) {
  /** What the gate can tell apart; its classes, in this order. */
  public enum Kind {
    DIGIT("a digit"),
    CHARACTER("a letter or symbol"),
    SCRIBBLE("a scribble or stroke"),
    BLANK("blank paper"),
    SEVERAL_DIGITS("several digits");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** For example {@code "a letter or symbol"}. */
    public String words() {
      return words;
    }
  }

  /** No gate judged the image: it is taken for a digit. */
  public static final Verdict UNJUDGED = new Verdict(false, Kind.DIGIT, Float.NaN, Float.NaN);

  /** Whether a gate judged the image at all. */
  public boolean judged() {
    return !Float.isNaN(score);
  }

  /** For example {@code "not a digit (looks like a letter or symbol)"}; empty when accepted. */
  public String reason() {
    return rejected ? "not a digit (looks like " + kind.words() + ")" : "";
  }
}
