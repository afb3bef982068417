package io.physcast.model.bench;

import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training iteration (forward and backward over 12 warm-up + 12 forecast frames, batch 8) on a
 * 70-station graph: the unit of cost of the {@code evaluate} and {@code train} commands.
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

    private StepModel net;
    private GraphInputs batchGraph;
    private List<Window> batch;
    private SequenceUnroller unroller;

    @Setup
    public void setUp() {
        net = ModelCatalog.create(model, hidden, gruLayers, 1);
        batchGraph = BenchSteps.trainingGraph();
        batch = BenchSteps.trainingBatch();
        unroller = new SequenceUnroller(net, 12, 12);
    }

    @Benchmark
    public float iteration() {
        Tape t = Tape.training();
        Var loss = unroller.unroll(t, batchGraph, batch, 0.5, new SplittableRandom(1)).loss();
        t.backward(loss);
        return loss.value.data[0];
    }
}
