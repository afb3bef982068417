package io.physcast.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.artifact.ModelCatalog;
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
                        3,
                        3,
                        2,
                        iterations,
                        1e-3f,
                        0f,
                        5,
                        2,
                        seconds,
                        sampling,
                        1,
                        0f,
                        true,
                        false);
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
                new TrainingConfig(3, 3, 2, 60, 1e-2f, 0f, 5, 100, 1e9, 0, 1, 0f, true, false)
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

    /** A criterion that returns the given scores in turn and records what it scored. */
    private static final class Scripted implements ValidationCriterion {
        private final double[] scores;
        final List<float[][]> seen = new ArrayList<>();

        Scripted(double... scores) {
            this.scores = scores;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public double score(StepModel m, GraphInputs g, List<Window> v) {
            seen.add(m.params().snapshot());
            return scores[seen.size() - 1];
        }
    }

    /** Thirty iterations of an MLP, checked every 5 (the start and six checks), never stopped. */
    private static TrainingReport fitScripted(
            Scripted criterion, StepModel model, int sampling, boolean selectAfterSampling) {
        TrainingConfig config =
                new TrainingConfig(3, 3, 2, 30, 1e-2f, 0f, 5, 100, 1e9, 0, 1, 0f, false, false)
                        .withSampling(sampling)
                        .withSelectAfterSampling(selectAfterSampling);
        return new Trainer(config, criterion, line -> {}).fit(model, GRAPH, windows(), windows());
    }

    @Test
    void keepsTheParametersTheCriterionScoredLowest() {
        // the fifth score (iteration 20) is the lowest, later ones worse
        Scripted scripted = new Scripted(9, 5, 3, 4, 1, 2, 6);
        StepModel model = ModelCatalog.create("MLP", 8, 1, 1);
        TrainingReport r = fitScripted(scripted, model, 0, false);
        assertEquals(7, scripted.seen.size(), "the start and six checks");
        assertEquals(20, r.bestIteration());
        assertEquals(1.0, r.bestValidation());
        assertEquals("scripted", r.criterion());
        assertArrayEquals(scripted.seen.get(4), model.params().snapshot());
        assertFalse(
                Arrays.deepEquals(scripted.seen.get(4), scripted.seen.get(6)),
                "training moved on after it");
    }

    @Test
    void selectingAfterSamplingIgnoresChecksWhileTeacherForcingDecays() {
        // checks at 0, 5, ..., 30; sampling ends at 15: the low score at 5 is not eligible, the
        // one at 15 replaces it though higher, and the lower one at 20 replaces that
        double[] scores = {9, 1, 5, 6, 4, 7, 8};
        assertEquals(5, fitScripted(new Scripted(scores), mlp(), 15, false).bestIteration());
        Scripted scripted = new Scripted(scores);
        StepModel model = mlp();
        TrainingReport r = fitScripted(scripted, model, 15, true);
        assertEquals(20, r.bestIteration(), r.summary());
        assertEquals(4.0, r.bestValidation());
        assertArrayEquals(scripted.seen.get(4), model.params().snapshot());
        // the first eligible check stays when no later one is lower
        assertEquals(
                15,
                fitScripted(new Scripted(9, 1, 5, 6, 7, 8, 9), mlp(), 15, true).bestIteration());
    }

    @Test
    void selectingAfterSamplingKeepsTheUsualChoiceWhenTrainingEndsBeforeIt() {
        // sampling would end at 100, after the 30 iterations: nothing is eligible
        TrainingReport r = fitScripted(new Scripted(9, 1, 5, 6, 4, 7, 8), mlp(), 100, true);
        assertEquals(5, r.bestIteration());
        assertEquals(1.0, r.bestValidation());
    }

    private static StepModel mlp() {
        return ModelCatalog.create("MLP", 8, 1, 1);
    }
}
