package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrainingBatchesTest {
  /** Ten 28 x 28 images, image i filled with pixels that differ per image, labelled i. */
  private static DataSet tenImages() {
    Tensor images = Tensor.zeros(10, 1, 28, 28);
    for (int i = 0; i < images.size(); i++) {
      images.data()[i] = ((i * 37) % 101) / 100f;
    }
    return new DataSet(images, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  }

  @Test
  void anEpoch_visitsEveryImageOnce_inBatchesOfTheSize_theLastOneSmaller() {
    DataSet train = tenImages();
    try (TrainingBatches batches = new TrainingBatches(train, 4, 7, Augmentation.NONE, 1)) {
      assertEquals(3, batches.steps());
      int[] order = batches.order(1);
      int[] sorted = order.clone();
      Arrays.sort(sorted);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
      int[] sizes = new int[3];
      for (int s = 0; s < 3; s++) {
        TrainingBatches.Batch batch = batches.batch(1, order, s);
        sizes[s] = batch.labels().length;
        for (int n = 0; n < sizes[s]; n++) {
          int image = order[4 * s + n];
          assertEquals(image, batch.labels()[n]);
          assertArrayEquals(
              Arrays.copyOfRange(train.images().data(), image * 784, image * 784 + 784),
              Arrays.copyOfRange(batch.images().data(), n * 784, n * 784 + 784));
        }
      }
      assertArrayEquals(new int[] {4, 4, 2}, sizes);
    }
  }

  @Test
  void theShuffle_isAFunctionOfSeedAndEpoch() {
    DataSet train = tenImages();
    try (TrainingBatches a = new TrainingBatches(train, 4, 7, Augmentation.NONE, 1);
        TrainingBatches b = new TrainingBatches(train, 4, 7, Augmentation.NONE, 1)) {
      assertArrayEquals(a.order(3), b.order(3));
      assertFalse(Arrays.equals(a.order(3), a.order(4)));
    }
  }

  @Test
  void augmentedBatches_haveTheSameBits_onOneThreadAndOnThree() {
    DataSet train = tenImages();
    try (TrainingBatches one = new TrainingBatches(train, 8, 7, Augmentation.WITH_HAND, 1);
        TrainingBatches three = new TrainingBatches(train, 8, 7, Augmentation.WITH_HAND, 3)) {
      int[] order = one.order(2);
      float[] byOne = one.batch(2, order, 0).images().data().clone();
      float[] byThree = three.batch(2, order, 0).images().data();
      assertArrayEquals(byOne, byThree);
      float[] copied = new float[8 * 784];
      for (int n = 0; n < 8; n++) {
        System.arraycopy(train.images().data(), order[n] * 784, copied, n * 784, 784);
      }
      assertFalse(Arrays.equals(copied, byOne), "the images were augmented");
    }
  }
}
