package io.physcast.model.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One recurrent inference step of PA-DGN (SDL + two recurrent GN blocks, hidden 64, 2-layer GRUs)
 * on a k-NN graph (k = 4) of N stations: what the streaming operator pays per snapshot before the
 * rollout. {@link StepProductsBenchmark} times the same step's matrix products alone. Run with
 * {@code scripts/bench.sh model}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
public class StepBenchmark {
    @Param({"100", "1000", "10000"})
    public int nodes;

    /** Hidden width x GRU layers (see {@link BenchSteps}). */
    @Param({"64x2"})
    public String size;

    private BenchSteps step;

    @Setup
    public void setUp() {
        step = new BenchSteps(nodes, size);
    }

    @Benchmark
    public float[] step() {
        return step.stepper.step(step.state, step.frame).prediction();
    }
}
