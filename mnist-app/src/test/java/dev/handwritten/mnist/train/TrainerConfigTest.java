package dev.handwritten.mnist.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.handwritten.mnist.model.Presets;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {
  @Test
  void chunkFor_isSmallWithoutBatchNorm_andAGhostBatchWithIt() {
    // The reference CNN has no batch normalization: small chunks, for the cache.
    assertEquals(4, Trainer.Config.chunkFor(Presets.REFERENCE.build(1)));
    // The accurate preset normalizes each chunk by its own statistics: 16 images.
    assertEquals(16, Trainer.Config.chunkFor(Presets.ACCURATE.build(1)));
  }
}
