package dev.handwritten.mnist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.handwritten.layers.Sequential;
import dev.handwritten.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetsTest {
  @Test
  void reference_isKerasSimpleConvnet_with34826Parameters() {
    Sequential model = Presets.REFERENCE.build(1);
    assertEquals(34_826, model.parameterCount());
    assertEquals(Shape.of(3, 10), model.outputShape(Shape.of(3, 1, 28, 28)));
  }

  @Test
  void accurate_fitsTogether_andCarriesBatchNormState() {
    // conv 32*9+32, bn 2*32, conv 64*288+64, bn 2*64, conv 128*576+128, bn 2*128, dense 1152*10+10
    Sequential model = Presets.ACCURATE.build(1);
    assertEquals(104_650, model.parameterCount());
    assertEquals(Shape.of(3, 10), model.outputShape(Shape.of(3, 1, 28, 28)));
    assertEquals(6, model.state().size()); // running mean and variance of three batch norms
  }

  @Test
  void byName_listsTheKnownPresets() {
    assertEquals(List.of("accurate", "reference"), Presets.names());
    assertEquals(Presets.ACCURATE, Presets.byName("accurate"));
    var e = assertThrows(IllegalArgumentException.class, () -> Presets.byName("huge"));
    assertEquals("unknown model preset 'huge'; known presets: accurate, reference", e.getMessage());
  }
}
