package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.experiments.DerivativeExperiment;
import io.physcast.model.experiments.MeanStd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quick reproduction of PA-DGN Table 1 (about 20 s): SDL has the lowest MSE on both fields when
 * each seed trains on one point set, as the paper describes.
 */
class DerivativeExperimentTest {
    @Test
    void sdlHasTheLowestErrorOnBothFields() {
        DerivativeExperiment.Settings quick = DerivativeExperiment.Settings.quick();
        assertEquals(1, quick.trainingSets());
        Map<String, Map<String, MeanStd>> r = new DerivativeExperiment(quick, line -> {}).run();
        for (var field : r.entrySet()) {
            double sdl = field.getValue().get("SDL").mean();
            for (var model : field.getValue().entrySet()) {
                if (!model.getKey().equals("SDL")) {
                    assertTrue(
                            sdl < model.getValue().mean(),
                            field.getKey()
                                    + ": SDL "
                                    + sdl
                                    + " vs "
                                    + model.getKey()
                                    + " "
                                    + model.getValue().mean());
                }
            }
        }
    }

    @Test
    void aNegativeNumberOfTrainingSetsIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DerivativeExperiment.Settings.full().withTrainingSets(-1));
        assertTrue(e.getMessage().contains("--training-sets"), e.getMessage());
    }
}
