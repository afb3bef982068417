package io.physcast.model.bench;

import io.physcast.model.bench.CountingMatMul.Product;
import io.physcast.model.tensor.MatMul;
import io.physcast.model.tensor.MatMulBackends;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One recurrent inference step of PA-DGN (SDL + two recurrent GN blocks) on a k-NN graph (k = 4) of
 * N stations: what the streaming operator pays per snapshot before the rollout ({@code step}), and
 * the same step's matrix products alone ({@code products}: its gemm calls replayed with their
 * shapes, transposes and beta on arrays of the same sizes). Step time minus products is what the
 * element-wise work, gathers and allocation cost. Run with {@code scripts/bench.sh model}.
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
    private MatMul backend;
    private List<Product> products;
    private float[][] a;
    private float[][] b;
    private float[][] c;

    @Setup
    public void setUp(BenchmarkParams params) {
        step = new BenchSteps(nodes, size);
        if (params.getBenchmark().endsWith(".products")) {
            replayArrays(); // up to 1.5 GB at N = 10,000: only where they are used
        }
    }

    private void replayArrays() {
        products = step.products.products();
        backend = MatMulBackends.get();
        SplittableRandom r = new SplittableRandom(11);
        int count = products.size();
        a = new float[count][];
        b = new float[count][];
        c = new float[count][];
        for (int i = 0; i < count; i++) {
            Product p = products.get(i);
            a[i] = BenchSteps.gaussian(p.m() * p.k(), r);
            b[i] = BenchSteps.gaussian(p.k() * p.n(), r);
            c[i] = BenchSteps.gaussian(p.m() * p.n(), r);
        }
    }

    @Benchmark
    public float[] step() {
        return step.stepper.step(step.state, step.frame).prediction();
    }

    @Benchmark
    public float[][] products() {
        for (int i = 0; i < a.length; i++) {
            Product p = products.get(i);
            backend.gemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), a[i], b[i], p.beta(), c[i]);
        }
        return c;
    }
}
