package io.segstream.bench.kernel;

import java.util.List;

/** The implementations by the names the benchmarks and tests use. */
public final class Kernels {
  /**
   * Plain Java (core today); the Vector API on core's layout, on flat centres, on transposed centres, in GEMM form on
   * transposed centres; core's own kernel as it dispatches (its Vector API path when the module is present); nd4j.
   */
  public static final List<String> NAMES =
      List.of("plain", "vector", "vectorFlat", "vectorTransposed", "vectorDot", "proposed", "nd4j");

  private Kernels() {}

  public static KernelStep create(final String name, final int k, final int d) {
    return switch (name) {
      case "plain" -> new CoreStep(k, d, false);
      case "vector" -> new VectorStep(k, d);
      case "vectorFlat" -> new VectorFlatStep(k, d);
      case "vectorTransposed" -> new VectorTransposedStep(k, d);
      case "vectorDot" -> new VectorDotStep(k, d);
      case "proposed" -> new CoreStep(k, d, true);
      case "nd4j" -> new Nd4jStep(k, d);
      default -> throw new IllegalArgumentException("no kernel '" + name + "'; known: " + NAMES);
    };
  }
}
