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
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StableRolloutTest {
    private static final int GENERATED = 20;
    private static final TrainingConfig CONFIG = TrainingConfig.defaults(2, 3);
    private static GraphInputs graph;
    private static Window shots;

    @BeforeAll
    static void firstShots() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        graph = new GraphInputs(data.knnGraph(4));
        shots = FewShotExperimentTest.firstShots(data, 5);
    }

    @Test
    void persistencePassesAndADriftingDecoderIsNeverKept() {
        StableRollout rule = new StableRollout(new ForecastLoss(CONFIG), shots, GENERATED);
        StepModel m = ModelCatalog.create("PA-DGN", 8, 1, 1);
        m.params().zeroPrefix(RecurrentGraphNetwork.DECODER + ".");
        assertTrue(rule.stable(m, graph), "persistence stays within the shots' range");
        assertEquals(
                new ForecastLoss(CONFIG).score(m, graph, List.of(shots)),
                rule.score(m, graph, List.of(shots)),
                "a stable rollout scores as the inner criterion");
        // the widened range lies within +-3 times the largest |shot|: a step of +1 per frame
        // leaves it within 20 frames when that is below 20 / 3
        double largest =
                Arrays.stream(shots.values())
                        .flatMapToDouble(r -> IntStream.range(0, r.length).mapToDouble(i -> r[i]))
                        .map(Math::abs)
                        .max()
                        .orElseThrow();
        assertTrue(3 * largest < GENERATED, "the drift must outrun the bound: " + largest);
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
    void trainingKeepsOnlyParametersWhoseRolloutIsStable() {
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
                    new StableRollout(new ForecastLoss(CONFIG), shots, GENERATED).stable(m, graph),
                    "seed " + seed);
        }
    }
}
