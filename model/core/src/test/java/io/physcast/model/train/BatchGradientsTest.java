package io.physcast.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A batch in parts on threads: the whole batch's gradients, the same bits on 1 or 2 threads. */
class BatchGradientsTest {
    private static final int N = 20;
    private static final GraphInputs GRAPH = new GraphInputs(TestGraphs.knn(N, 3));

    private static List<Window> windows(int count) {
        SplittableRandom r = new SplittableRandom(5);
        List<Window> out = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            float[][] values = new float[8][N];
            float[][] observed = new float[8][N];
            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < N; i++) {
                    values[t][i] = (float) r.nextGaussian();
                    observed[t][i] = r.nextDouble() < 0.8 ? 1f : 0f; // gaps differ by window
                }
            }
            out.add(new Window(values, observed));
        }
        return out;
    }

    private static List<float[]> gradients(StepModel model) {
        List<float[]> g = new ArrayList<>();
        for (Param p : model.params().all()) {
            g.add(p.grad.data.clone());
            p.zeroGrad();
        }
        return g;
    }

    private static float parts(StepModel model, List<Window> batch, int threads) {
        SequenceUnroller u = new SequenceUnroller(model, 4, 4);
        try (BatchGradients b =
                new BatchGradients(u, List.copyOf(model.params().all()), GRAPH, threads)) {
            return b.run(batch, 0.5, new SplittableRandom(1));
        }
    }

    @Test
    void thePartsGiveTheWholeBatchsLossAndGradients() {
        StepModel model = ModelCatalog.create("PA-DGN", 16, 1, 1);
        List<Window> batch = windows(5); // parts of 2, 2 and 1 windows
        Tape t = Tape.training();
        var whole =
                new SequenceUnroller(model, 4, 4)
                        .unroll(t, GRAPH.replicate(5), batch, 0.5, new SplittableRandom(1))
                        .loss();
        t.backward(whole);
        List<float[]> expected = gradients(model);
        float loss = parts(model, batch, 1);
        assertEquals(whole.value.data[0], loss, 1e-5 * loss);
        List<float[]> actual = gradients(model);
        for (int i = 0; i < expected.size(); i++) {
            double diff = 0;
            double norm = 0;
            for (int j = 0; j < expected.get(i).length; j++) {
                diff += Math.pow(expected.get(i)[j] - actual.get(i)[j], 2);
                norm += Math.pow(expected.get(i)[j], 2);
            }
            // the same terms summed in another order: rounding only
            assertTrue(
                    diff <= 1e-10 * Math.max(norm, 1e-12), "parameter " + i + ": " + diff / norm);
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        StepModel model = ModelCatalog.create("PA-DGN", 16, 1, 1);
        List<Window> batch = windows(8);
        float one = parts(model, batch, 1);
        List<float[]> a = gradients(model);
        float two = parts(model, batch, 2);
        List<float[]> b = gradients(model);
        assertEquals(Float.floatToIntBits(one), Float.floatToIntBits(two));
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), 0f, "parameter " + i);
        }
    }

    @Test
    void aTrainingRunIsIdenticalOnOneAndTwoThreads() {
        TrainingConfig config =
                new TrainingConfig(4, 4, 4, 6, 1e-3f, 5e-4f, 3, 2, 1e9, 4, 1, 0f, true, false);
        float[][][] params = new float[2][][];
        TrainingReport[] reports = new TrainingReport[2];
        for (int k = 0; k < 2; k++) {
            StepModel model = ModelCatalog.create("PA-DGN", 16, 1, 1);
            reports[k] =
                    new Trainer(config, line -> {})
                            .withThreads(k + 1)
                            .fit(model, GRAPH, windows(8), windows(4));
            params[k] = model.params().snapshot();
        }
        assertEquals(reports[0].bestValidation(), reports[1].bestValidation(), 0.0);
        for (int i = 0; i < params[0].length; i++) {
            assertArrayEquals(params[0][i], params[1][i], 0f, "parameter " + i);
        }
    }
}
