package io.physcast.model.fewshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.autodiff.Param;
import io.physcast.model.data.StationDataset;
import io.physcast.model.eval.StationEvaluationTest;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.ForecastLoss;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class StableRolloutTest {
    private static final int GENERATED = 20;

    @Test
    void persistencePassesAndADriftingDecoderIsNeverKept() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        GraphInputs graph = new GraphInputs(data.knnGraph(4));
        Window shots = FewShotExperimentTest.firstShots(data, 5);
        TrainingConfig config = TrainingConfig.defaults(2, 3);
        StableRollout rule = new StableRollout(new ForecastLoss(config), shots, GENERATED);
        StepModel m = ModelCatalog.create("PA-DGN", 8, 1, 1);
        m.params().zeroPrefix(RecurrentGraphNetwork.DECODER + ".");
        assertTrue(rule.stable(m, graph), "persistence stays within the shots' range");
        assertEquals(
                new ForecastLoss(config).score(m, graph, List.of(shots)),
                rule.score(m, graph, List.of(shots)),
                "a stable rollout scores as the inner criterion");
        // the shots' normalised range is a few units wide: a step of +1 per frame leaves the
        // widened range within 20 frames, whatever the range is
        float range = range(shots);
        assertTrue(3 * range < GENERATED, "the drift must outrun the bound: range " + range);
        for (Param p : m.params().all()) {
            if (p.name.startsWith(RecurrentGraphNetwork.DECODER + ".")
                    && p.value.data.length == 1) {
                p.value.data[0] = 1f;
            }
        }
        assertFalse(rule.stable(m, graph), "a decoder adding 1 per frame runs away");
        assertEquals(Double.POSITIVE_INFINITY, rule.score(m, graph, List.of(shots)));
    }

    @Test
    void trainingKeepsOnlyParametersWhoseRolloutIsStable() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        GraphInputs graph = new GraphInputs(data.knnGraph(4));
        Window shots = FewShotExperimentTest.firstShots(data, 5);
        TrainingConfig config = TrainingConfig.defaults(2, 3);
        for (long seed = 1; seed <= 3; seed++) {
            StepModel m = ModelCatalog.create("PA-DGN", 8, 1, seed);
            m.params().zeroPrefix(RecurrentGraphNetwork.DECODER + ".");
            FewShotExperiment.fit(
                    m,
                    graph,
                    shots,
                    40,
                    seed,
                    false,
                    FewShotExperiment.Checkpoint.STABLE_ROLLOUT,
                    GENERATED,
                    false);
            assertTrue(
                    new StableRollout(new ForecastLoss(config), shots, GENERATED).stable(m, graph),
                    "seed " + seed);
        }
    }

    private static float range(Window w) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < w.length(); t++) {
            for (int i = 0; i < w.nodes(); i++) {
                if (w.observed()[t][i] != 0f) {
                    min = Math.min(min, w.values()[t][i]);
                    max = Math.max(max, w.values()[t][i]);
                }
            }
        }
        return max - min;
    }
}
