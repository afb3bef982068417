package io.physcast.model.bench;

import io.physcast.model.TestGraphs;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.tensor.MatMulBackends;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The PA-DGN step the benchmarks measure (SDL + two recurrent GN blocks) on a k-NN graph (k = 4) of
 * N stations, with a warmed-up state and one step's products recorded. {@code size} is {@code
 * HIDDENxLAYERS}: {@code 64x2} is the paper's (hidden 64, 2-layer GRUs), {@code 32x1} what {@code
 * train} and {@code evaluate} build by default.
 */
final class BenchSteps {
    final GraphStepper stepper;
    final HiddenState state;
    final float[] frame;
    final CountingMatMul products;

    BenchSteps(int nodes, String size) {
        String[] hl = size.split("x");
        int hidden = Integer.parseInt(hl[0]);
        int layers = Integer.parseInt(hl[1]);
        GraphInputs g = new GraphInputs(TestGraphs.knn(nodes, 7));
        RecurrentGraphNetwork model =
                new RecurrentGraphNetwork(SpatialFeatures.LEARNED, hidden, 16, layers, 1);
        stepper = new GraphStepper(model, g);
        frame = gaussian(nodes, new SplittableRandom(3));
        state = stepper.step(stepper.initialState(), frame).state();
        products = new CountingMatMul(MatMulBackends.get());
        MatMulBackends.use(products);
        try {
            stepper.step(state, frame);
        } finally {
            MatMulBackends.use(products.inner());
        }
        System.out.printf(
                "%nN = %d, E = %d, hidden x GRU layers %s: %.3f GFLOP of matrix products per step in %d gemm calls"
                        + " (backend %s, OPENBLAS_CORETYPE=%s)%n",
                nodes,
                g.edges,
                size,
                products.flops() / 1e9,
                products.calls(),
                products.name(),
                System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset"));
    }

    /** The training benchmark's graph: 70 stations (one window's). */
    static GraphInputs trainingGraph() {
        return new GraphInputs(TestGraphs.knn(70, 7));
    }

    /** The training benchmark's batch: 8 complete windows of 24 frames of 70 stations. */
    static List<Window> trainingBatch() {
        SplittableRandom r = new SplittableRandom(5);
        List<Window> batch = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            float[][] v = new float[24][];
            for (int f = 0; f < 24; f++) {
                v[f] = gaussian(70, r);
            }
            batch.add(Window.complete(v));
        }
        return batch;
    }

    /** {@code size} standard normal floats. */
    static float[] gaussian(int size, SplittableRandom r) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
