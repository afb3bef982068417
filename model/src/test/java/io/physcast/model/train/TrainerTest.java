package io.physcast.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.eval.ModelCatalog;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final int N = 10;

    /**
     * A model whose validation loss never improves (all parameters frozen), checked every 5 steps.
     */
    private static TrainingReport fitFrozen(int samplingIterations) {
        return fitFrozen(400, 1e9, samplingIterations);
    }

    private static TrainingReport fitFrozen(int iterations, double seconds, int sampling) {
        TrainingConfig config =
                new TrainingConfig(
                        3, 3, 2, iterations, 1e-3f, 0f, 5, 2, seconds, sampling, 1, 0f, true);
        StepModel model = ModelCatalog.create("MLP", 8, 1, 1);
        model.params().freezePrefix("", true);
        return new Trainer(config, line -> {}).fit(model, GRAPH, windows(), windows());
    }

    private static final GraphInputs GRAPH = new GraphInputs(TestGraphs.knn(N, 3));

    private static List<Window> windows() {
        SplittableRandom r = new SplittableRandom(5);
        List<Window> windows = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            float[][] values = new float[6][N];
            float[][] observed = new float[6][N];
            for (int t = 0; t < 6; t++) {
                for (int i = 0; i < N; i++) {
                    values[t][i] = (float) r.nextGaussian();
                }
                Arrays.fill(observed[t], 1f);
            }
            windows.add(new Window(values, observed));
        }
        return windows;
    }

    @Test
    void withAveragingTheKeptParametersAreTheValidatedAverage() {
        TrainingConfig config =
                new TrainingConfig(3, 3, 2, 60, 1e-2f, 0f, 5, 100, 1e9, 0, 1, 0f, true)
                        .withAveraging(0.9f);
        StepModel model = ModelCatalog.create("MLP", 8, 1, 1);
        Trainer trainer = new Trainer(config, line -> {});
        TrainingReport r = trainer.fit(model, GRAPH, windows(), windows());
        assertTrue(r.bestIteration() > 0, r.summary());
        // what was validated is what is kept, not the raw parameters trained past it
        assertEquals(r.bestValidation(), trainer.validationLoss(model, GRAPH, windows()));
    }

    @Test
    void earlyStoppingWaitsForTheEndOfTheSamplingSchedule() {
        // teacher forcing is still high early on, when the free-running validation loss need not
        // improve; stopping then would end training before it ever ran free
        TrainingReport r = fitFrozen(200);
        assertTrue(r.stopReason().startsWith("early stop"), r.summary());
        assertEquals(205, r.iterations(), "two checks without gain from iteration 200 on");
    }

    @Test
    void withoutASamplingScheduleEarlyStoppingCountsFromTheStart() {
        TrainingReport r = fitFrozen(0);
        assertTrue(r.stopReason().startsWith("early stop"), r.summary());
        assertEquals(10, r.iterations());
    }

    @Test
    void keepsTheParametersTheCriterionScoredLowest() {
        // a scripted criterion: the fourth check (iteration 20) scores lowest, later ones worse
        double[] scores = {9, 5, 3, 4, 1, 2, 6};
        List<float[][]> seen = new ArrayList<>();
        ValidationCriterion scripted =
                new ValidationCriterion() {
                    @Override
                    public String name() {
                        return "scripted";
                    }

                    @Override
                    public double score(StepModel m, GraphInputs g, List<Window> v) {
                        seen.add(m.params().snapshot());
                        return scores[seen.size() - 1];
                    }
                };
        TrainingConfig config =
                new TrainingConfig(3, 3, 2, 30, 1e-2f, 0f, 5, 100, 1e9, 0, 1, 0f, false);
        StepModel model = ModelCatalog.create("MLP", 8, 1, 1);
        TrainingReport r =
                new Trainer(config, scripted, line -> {}).fit(model, GRAPH, windows(), windows());
        assertEquals(7, seen.size(), "the start and six checks");
        assertEquals(20, r.bestIteration());
        assertEquals(1.0, r.bestValidation());
        assertEquals("scripted", r.criterion());
        assertArrayEquals(seen.get(4), model.params().snapshot());
        assertFalse(Arrays.deepEquals(seen.get(4), seen.get(6)), "training moved on after it");
    }
}
