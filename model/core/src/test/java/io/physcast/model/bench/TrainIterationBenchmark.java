package io.physcast.model.bench;

import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.tensor.MatMulBackends;
import io.physcast.model.train.BatchGradients;
import io.physcast.model.train.SequenceUnroller;
import io.physcast.model.train.Window;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training iteration (forward and backward over 12 warm-up + 12 forecast frames, batch 8) on a
 * 70-station graph: the unit of cost of the {@code evaluate} and {@code train} commands, as {@link
 * io.physcast.model.train.Trainer} runs it on the CPU ({@link BatchGradients}: the batch in parts,
 * on {@code threads} threads). Prints the iteration's matrix-product FLOPs at setup: divide by the
 * time for the rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"}) // as scripts/model.sh trains
public class TrainIterationBenchmark {
    @Param({"PA-DGN", "RGN"})
    public String model;

    @Param({"64", "32"})
    public int hidden;

    @Param({"2", "1"})
    public int gruLayers;

    @Param({"1", "2"})
    public int threads;

    private StepModel net;
    private List<Window> batch;
    private BatchGradients parts;

    @Setup
    public void setUp() {
        net = ModelCatalog.create(model, hidden, gruLayers, 1);
        batch = BenchSteps.trainingBatch();
        parts =
                new BatchGradients(
                        new SequenceUnroller(net, 12, 12),
                        List.copyOf(net.params().all()),
                        BenchSteps.trainingGraph(),
                        threads);
        CountingMatMul products = new CountingMatMul(MatMulBackends.get());
        MatMulBackends.use(products);
        try {
            iteration();
        } finally {
            MatMulBackends.use(products.inner());
        }
        System.out.printf(
                "%n%s %dx%d: %.2f GFLOP of matrix products per iteration in %d gemm calls%n",
                model, hidden, gruLayers, products.flops() / 1e9, products.calls());
    }

    @TearDown
    public void tearDown() {
        parts.close();
    }

    @Benchmark
    public float iteration() {
        float loss = parts.run(batch, 0.5, new SplittableRandom(1));
        for (var p : net.params().all()) {
            p.zeroGrad();
        }
        return loss;
    }
}
