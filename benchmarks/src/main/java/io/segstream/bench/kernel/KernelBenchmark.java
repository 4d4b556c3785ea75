package io.segstream.bench.kernel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The mini-batch step kernel (assign to the nearest centre, accumulate per-centre sums and counts) over the grid
 * d × k × batch of issue 3, for every implementation in {@link Kernels}. One invocation runs {@value #POINTS} points,
 * as 4096/batch batches, so the score is points per second on one thread, whatever the batch size.
 *
 * <p>The full grid (84 runs of 3 forks × 8 s) plus {@link ReferencePointBenchmark} takes about 38 minutes; pick a
 * subset with JMH's -p, e.g. {@code ./segstream bench kernel KernelBenchmark -p d=384 -p impl=plain,proposed}.
 * Results and conclusions: docs/kernel-benchmark.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "--add-modules=jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Threads(1)
@State(Scope.Thread)
public class KernelBenchmark {
  /** Points per invocation: one 4096 batch or sixteen 256 batches. */
  public static final int POINTS = 4096;

  @Param({"16", "64", "384"})
  public int d;

  @Param({"8", "32"})
  public int k;

  @Param({"256", "4096"})
  public int batch;

  @Param({"plain", "vector", "vectorFlat", "vectorTransposed", "vectorDot", "proposed", "nd4j"})
  public String impl;

  private final Fixture fixture = new Fixture();

  @Setup(Level.Trial)
  public void setUp() {
    fixture.setUp(impl, k, d, batch);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public double step() {
    return fixture.run();
  }

  /** What both benchmarks share: the data, the batches and the implementation under test. */
  static final class Fixture implements AutoCloseable {
    private double[][][] batches;
    private double[][] centres;
    private KernelStep step;

    void setUp(final String impl, final int k, final int d, final int batch) {
      if (POINTS % batch != 0) {
        throw new IllegalArgumentException("batch must divide " + POINTS);
      }
      final KernelData data = KernelData.generate(POINTS, k, d, 20_250_601L + 31L * d + k);
      batches = data.batches(batch);
      centres = data.centres();
      step = Kernels.create(impl, k, d);
    }

    double run() {
      double total = 0;
      for (final double[][] b : batches) {
        total += step.step(b, centres);
      }
      return total;
    }

    @Override
    public void close() {
      if (step != null) {
        step.close();
      }
    }
  }
}
