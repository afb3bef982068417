package io.physcast.model.bench;

import io.physcast.model.TestGraphs;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.tensor.MatMulBackends;
import java.util.SplittableRandom;
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
 * rollout. Run with {@code scripts/bench.sh model}.
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

    private GraphStepper stepper;
    private HiddenState state;
    private float[] frame;

    @Setup
    public void setUp() {
        GraphInputs g = new GraphInputs(TestGraphs.knn(nodes, 7));
        RecurrentGraphNetwork model =
                new RecurrentGraphNetwork(SpatialFeatures.LEARNED, 64, 16, 2, 1);
        stepper = new GraphStepper(model, g);
        frame = new float[nodes];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < nodes; i++) {
            frame[i] = (float) r.nextGaussian();
        }
        state = stepper.step(stepper.initialState(), frame).state();
        // the arithmetic next to the time: count one step's matrix products
        CountingMatMul counter = new CountingMatMul(MatMulBackends.get());
        MatMulBackends.use(counter);
        try {
            stepper.step(state, frame);
        } finally {
            MatMulBackends.use(counter.inner());
        }
        System.out.printf(
                "%nN = %d, E = %d: %.3f GFLOP of matrix products per step in %d gemm calls%n",
                nodes, g.edges, counter.flops() / 1e9, counter.calls());
    }

    @Benchmark
    public float[] step() {
        return stepper.step(state, frame).prediction();
    }
}
