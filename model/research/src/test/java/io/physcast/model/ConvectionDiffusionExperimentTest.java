package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.baselines.Persistence;
import io.physcast.model.experiments.ConvectionDiffusionExperiment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quick reproduction of PA-DGN Table 2 (every model to 300 iterations or early stopping): every
 * model is scored and every trained model beats persistence on the test sessions. It does not
 * assert the paper's ranking (SDL first), which needs the full run (docs/results.md, Table 2).
 */
class ConvectionDiffusionExperimentTest {
    @Test
    void everyModelIsScoredAndBeatsPersistence() {
        var settings = ConvectionDiffusionExperiment.Settings.quick();
        Map<String, ConvectionDiffusionExperiment.Score> r =
                new ConvectionDiffusionExperiment(settings, line -> {}).run();
        assertEquals(List.of("VAR", "MLP", "StandardOP", "MeshOP", "SDL"), List.copyOf(r.keySet()));
        double persistence =
                ConvectionDiffusionExperiment.testMae(
                        new Persistence(), ConvectionDiffusionExperiment.simulate(settings));
        r.forEach(
                (name, score) ->
                        System.out.printf(
                                "quick Table 2: %s %s (%s)%n",
                                name, score.mae().format(), score.effort()));
        System.out.println("persistence " + persistence);
        for (var e : r.entrySet()) {
            double mae = e.getValue().mae().mean();
            assertTrue(
                    Double.isFinite(mae) && mae < persistence,
                    e.getKey() + " " + mae + " vs persistence " + persistence);
        }
    }
}
