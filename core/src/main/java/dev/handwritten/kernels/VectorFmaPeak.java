package dev.handwritten.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link FmaPeak}'s loop on whole vectors; loaded only on the Vector API path. */
final class VectorFmaPeak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private VectorFmaPeak() {}

  static float run(int steps) {
    FloatVector x = FloatVector.broadcast(S, 0.999f);
    FloatVector y = FloatVector.broadcast(S, 0.001f);
    FloatVector c0 = FloatVector.broadcast(S, 0f);
    FloatVector c1 = FloatVector.broadcast(S, 1f);
    FloatVector c2 = FloatVector.broadcast(S, 2f);
    FloatVector c3 = FloatVector.broadcast(S, 3f);
    FloatVector c4 = FloatVector.broadcast(S, 4f);
    FloatVector c5 = FloatVector.broadcast(S, 5f);
    FloatVector c6 = FloatVector.broadcast(S, 6f);
    FloatVector c7 = FloatVector.broadcast(S, 7f);
    FloatVector c8 = FloatVector.broadcast(S, 8f);
    FloatVector c9 = FloatVector.broadcast(S, 9f);
    for (int i = 0; i < steps; i++) {
      c0 = c0.fma(x, y);
      c1 = c1.fma(x, y);
      c2 = c2.fma(x, y);
      c3 = c3.fma(x, y);
      c4 = c4.fma(x, y);
      c5 = c5.fma(x, y);
      c6 = c6.fma(x, y);
      c7 = c7.fma(x, y);
      c8 = c8.fma(x, y);
      c9 = c9.fma(x, y);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).lane(0);
  }
}
