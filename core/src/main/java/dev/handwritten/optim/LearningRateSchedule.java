package dev.handwritten.optim;

/**
 * The learning rate as a function of training progress, measured in epochs ({@code 2.5} is halfway
 * through the third epoch), so a schedule does not depend on the batch size. Set it on the
 * optimizer before each step: {@code optimizer.setLearningRate(schedule.rate(progress))}.
 */
public sealed interface LearningRateSchedule {
  /**
   * {@return the learning rate at {@code progress} epochs}
   *
   * @param progress epochs done, at least 0; fractions count
   */
  double rate(double progress);

  /**
   * The same rate throughout.
   *
   * @param base the rate
   */
  record Constant(double base) implements LearningRateSchedule {
    @Override
    public double rate(double progress) {
      return base;
    }
  }

  /**
   * {@code base * gamma^floor(progress / every)}: drops by {@code gamma} every {@code every}
   * epochs.
   *
   * @param base the rate at the start
   * @param every epochs between drops
   * @param gamma the factor of each drop
   */
  record StepDecay(double base, double every, double gamma) implements LearningRateSchedule {
    @Override
    public double rate(double progress) {
      return base * Math.pow(gamma, Math.floor(progress / every));
    }
  }

  /**
   * {@code base * gamma^progress}: a smooth decay by {@code gamma} per epoch.
   *
   * @param base the rate at the start
   * @param gamma the factor per epoch
   */
  record Exponential(double base, double gamma) implements LearningRateSchedule {
    @Override
    public double rate(double progress) {
      return base * Math.pow(gamma, progress);
    }
  }

  /**
   * Half a cosine from {@code base} down to {@code min} over {@code epochs}, then {@code min}.
   *
   * @param base the rate at the start
   * @param min the rate at the end
   * @param epochs the length of the decay
   */
  record Cosine(double base, double min, double epochs) implements LearningRateSchedule {
    @Override
    public double rate(double progress) {
      double t = Math.min(1, progress / epochs);
      return min + (base - min) * (1 + Math.cos(Math.PI * t)) / 2;
    }
  }

  /**
   * One cycle (Smith, 2018), PyTorch's form: a linear warm-up from {@code max / 25} to {@code max}
   * over the first {@code warmup} fraction of {@code epochs}, then half a cosine down to {@code max
   * / 25 / 1e4}.
   *
   * @param max the peak rate
   * @param epochs the length of the cycle
   * @param warmup the fraction of the cycle spent warming up, in {@code (0, 1)}
   */
  record OneCycle(double max, double epochs, double warmup) implements LearningRateSchedule {
    @Override
    public double rate(double progress) {
      double start = max / 25;
      double end = start / 1e4;
      double t = Math.min(1, progress / epochs);
      if (t < warmup) {
        return start + (max - start) * t / warmup;
      }
      double down = (t - warmup) / (1 - warmup);
      return end + (max - end) * (1 + Math.cos(Math.PI * down)) / 2;
    }
  }
}
