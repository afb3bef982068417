package io.physcast.model.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.GraphStepper.StepResult;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.tensor.Tensor;
import io.physcast.model.train.SequenceUnroller;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Inference steps and training parts draw their op outputs from arrays earlier ones gave back
 * (ArrayPool).
 */
class RecycledOutputsTest {
    @Test
    void stepsOnRecycledArraysGiveTheBitsOfStepsOnFreshOnes() throws Exception {
        GraphInputs g = new GraphInputs(TestGraphs.knn(60, 7));
        GraphStepper stepper =
                new GraphStepper(
                        new RecurrentGraphNetwork(SpatialFeatures.LEARNED, 16, 4, 2, 1), g);
        SplittableRandom r = new SplittableRandom(3);
        float[][] frames = new float[5][g.nodes];
        for (float[] f : frames) {
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) r.nextGaussian();
            }
        }
        // each expected step on a new thread: an empty pool, so every output array is fresh
        HiddenState expected = stepper.initialState();
        float[][] expectedPredictions = new float[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            StepResult s = onNewThread(stepper, expected, frames[i]);
            expected = s.state();
            expectedPredictions[i] = s.prediction();
        }
        // here: every step after the first reads arrays its predecessor gave back, filled with NaN
        ArrayPool pool = ArrayPool.forThisThread();
        HiddenState state = stepper.initialState();
        for (int i = 0; i < frames.length; i++) {
            StepResult s = stepper.step(state, frames[i]);
            assertTrue(pool.floats() > 0, "the step gave its outputs back");
            pool.poison();
            state = s.state();
            assertArrayEquals(expectedPredictions[i], s.prediction(), "step " + i);
        }
        assertEquals(expected, state);
        // other tapes neither draw from the pool nor hold their outputs for it
        assertThrows(IllegalStateException.class, () -> Tape.inference().recycle());
        assertThrows(IllegalStateException.class, () -> Tape.training().recycle());
    }

    @Test
    void trainingOnRecycledArraysGivesTheLossAndGradientsOfFreshOnes() {
        GraphInputs g = new GraphInputs(TestGraphs.knn(30, 3));
        StepModel model = ModelCatalog.create("PA-DGN", 16, 2, 1);
        SequenceUnroller unroller = new SequenceUnroller(model, 4, 4);
        SplittableRandom r = new SplittableRandom(4);
        List<Window> batch = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            float[][] values = new float[8][g.nodes];
            float[][] observed = new float[8][g.nodes];
            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < g.nodes; i++) {
                    values[t][i] = (float) r.nextGaussian();
                    observed[t][i] = r.nextDouble() < 0.8 ? 1f : 0f;
                }
            }
            batch.add(new Window(values, observed));
        }
        GraphInputs both = g.replicate(2);
        SequenceUnroller.Plan plan = unroller.plan(batch, 0.5, new SplittableRandom(1));
        Map<Param, Tensor> expected = new IdentityHashMap<>();
        Tape fresh = Tape.training(expected);
        Var expectedLoss = unroller.unroll(fresh, both, batch, plan).loss();
        fresh.backward(expectedLoss);

        ArrayPool pool = ArrayPool.forTraining();
        for (int iteration = 0; iteration < 3; iteration++) {
            Map<Param, Tensor> gradients = new IdentityHashMap<>();
            Tape t = Tape.recyclingTraining(gradients, pool);
            Var loss = unroller.unroll(t, both, batch, plan).loss();
            t.backward(loss);
            assertEquals(expectedLoss.value.data[0], loss.value.data[0], 0f, "loss " + iteration);
            assertEquals(expected.keySet(), gradients.keySet());
            for (Param p : expected.keySet()) {
                assertArrayEquals(expected.get(p).data, gradients.get(p).data, 0f);
            }
            assertSame(pool, t.recycle());
            assertTrue(pool.floats() > 0, "the tape gave its outputs and gradients back");
            pool.poison(); // the next iteration must write every array it reads
        }
    }

    @Test
    void aPoolPastItsLimitStartsOver() {
        ArrayPool pool = new ArrayPool(100);
        float[] a = new float[40];
        float[] b = new float[40];
        pool.giveBack(List.of(a, b));
        assertEquals(80, pool.floats());
        assertSame(b, pool.take(40)); // the last given back first
        pool.giveBack(List.of(b, new float[30]));
        // a, b and the 30 make 110 > 100: the pool started over before the 30
        assertEquals(30, pool.floats());
        float[] fresh = pool.take(40);
        assertNotSame(a, fresh);
        assertNotSame(b, fresh);
        pool.giveBack(List.of(new float[101])); // larger than the limit: never kept
        assertEquals(0, pool.floats());
    }

    private static StepResult onNewThread(GraphStepper stepper, HiddenState state, float[] frame)
            throws InterruptedException {
        AtomicReference<StepResult> out = new AtomicReference<>();
        Thread t = new Thread(() -> out.set(stepper.step(state, frame)));
        t.start();
        t.join();
        return out.get();
    }
}
