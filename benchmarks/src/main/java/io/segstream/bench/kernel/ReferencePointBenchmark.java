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
 * Issue 3's target: at least 1M point-updates per second on one core at d=32, k=16 (batches of 4096). Same kernel
 * and settings as {@link KernelBenchmark}; the score is points per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgs = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "--add-modules=jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Threads(1)
@State(Scope.Thread)
public class ReferencePointBenchmark {
  @Param({"32"})
  public int d;

  @Param({"16"})
  public int k;

  @Param({"4096"})
  public int batch;

  @Param({"plain", "vector", "vectorFlat", "vectorTransposed", "vectorDot", "proposed", "nd4j"})
  public String impl;

  private final KernelBenchmark.Fixture fixture = new KernelBenchmark.Fixture();

  @Setup(Level.Trial)
  public void setUp() {
    fixture.setUp(impl, k, d, batch);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  @Benchmark
  @OperationsPerInvocation(KernelBenchmark.POINTS)
  public double step() {
    return fixture.run();
  }
}
