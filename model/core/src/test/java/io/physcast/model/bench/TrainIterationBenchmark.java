package io.physcast.model.bench;

import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.bench.CountingMatMul.Product;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.tensor.MatMul;
import io.physcast.model.tensor.MatMulBackends;
import io.physcast.model.train.BatchGradients;
import io.physcast.model.train.SequenceUnroller;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One training iteration (forward and backward over 12 warm-up + 12 forecast frames, batch 8) on a
 * 70-station graph: the unit of cost of the {@code evaluate} and {@code train} commands, as {@link
 * io.physcast.model.train.Trainer} runs it on the CPU ({@link BatchGradients}: the batch in parts,
 * on {@code threads} threads). Prints the iteration's matrix-product FLOPs at setup: divide by the
 * time for the rate. {@code products}: the same iteration's gemm calls alone, replayed in order
 * with their shapes, transposes and beta, split into {@code threads} runs of consecutive calls side
 * by side, on arrays shared by the calls of one shape (so in cache more often than the iteration's
 * own): what the products would cost with no other work.
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
    private List<Product> products;
    private float[][][] replayArrays; // per product: A, B, C
    private ExecutorService replayThreads;

    @Setup
    public void setUp(BenchmarkParams params) {
        net = ModelCatalog.create(model, hidden, gruLayers, 1);
        batch = BenchSteps.trainingBatch();
        parts =
                new BatchGradients(
                        new SequenceUnroller(net, 12, 12),
                        List.copyOf(net.params().all()),
                        BenchSteps.trainingGraph(),
                        threads);
        CountingMatMul counted = new CountingMatMul(MatMulBackends.get());
        MatMulBackends.use(counted);
        // recorded on one thread: the recorder is not thread-safe, and the parts run in order
        try (BatchGradients oneThread =
                new BatchGradients(
                        new SequenceUnroller(net, 12, 12),
                        List.copyOf(net.params().all()),
                        BenchSteps.trainingGraph(),
                        1)) {
            oneThread.run(batch, 0.5, new SplittableRandom(1));
        } finally {
            MatMulBackends.use(counted.inner());
        }
        net.params().all().forEach(p -> p.zeroGrad());
        products = counted.products();
        System.out.printf(
                "%n%s %dx%d: %.2f GFLOP of matrix products per iteration in %d gemm calls%n",
                model, hidden, gruLayers, counted.flops() / 1e9, counted.calls());
        if (params.getBenchmark().endsWith(".products")) {
            replayArrays = replayArrays(products, threads);
            replayThreads = Executors.newFixedThreadPool(threads);
        }
    }

    /** Arrays for each product, shared by the products of one shape within a thread's run. */
    private static float[][][] replayArrays(List<Product> products, int threads) {
        SplittableRandom r = new SplittableRandom(11);
        float[][][] out = new float[products.size()][][];
        int chunk = (products.size() + threads - 1) / threads;
        for (int from = 0; from < products.size(); from += chunk) {
            Map<Product, float[][]> byShape = new HashMap<>();
            for (int i = from; i < Math.min(from + chunk, products.size()); i++) {
                Product p = products.get(i);
                out[i] =
                        byShape.computeIfAbsent(
                                p,
                                q ->
                                        new float[][] {
                                            BenchSteps.gaussian(q.m() * q.k(), r),
                                            BenchSteps.gaussian(q.k() * q.n(), r),
                                            BenchSteps.gaussian(q.m() * q.n(), r)
                                        });
            }
        }
        return out;
    }

    @TearDown
    public void tearDown() {
        parts.close();
        if (replayThreads != null) {
            replayThreads.shutdownNow();
        }
    }

    @Benchmark
    public float iteration() {
        float loss = parts.run(batch, 0.5, new SplittableRandom(1));
        for (var p : net.params().all()) {
            p.zeroGrad();
        }
        return loss;
    }

    @Benchmark
    public float[][][] products() throws Exception {
        MatMul backend = MatMulBackends.get();
        int chunk = (products.size() + threads - 1) / threads;
        List<Callable<Void>> runs = new ArrayList<>();
        for (int from = 0; from < products.size(); from += chunk) {
            int start = from;
            int end = Math.min(from + chunk, products.size());
            runs.add(
                    () -> {
                        for (int i = start; i < end; i++) {
                            Product p = products.get(i);
                            float[][] abc = replayArrays[i];
                            backend.gemm(
                                    p.transA(),
                                    p.transB(),
                                    p.m(),
                                    p.n(),
                                    p.k(),
                                    abc[0],
                                    abc[1],
                                    p.beta(),
                                    abc[2]);
                        }
                        return null;
                    });
        }
        for (Future<Void> f : replayThreads.invokeAll(runs)) {
            f.get();
        }
        return replayArrays;
    }
}
