package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.experiments.DerivativeExperiment;
import io.physcast.model.experiments.MeanStd;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quick reproduction of PA-DGN Table 1 (about 30 s): SDL has the lowest MSE on both fields. */
class DerivativeExperimentTest {
    @Test
    void sdlHasTheLowestErrorOnBothFields() {
        Map<String, Map<String, MeanStd>> r =
                new DerivativeExperiment(DerivativeExperiment.Settings.quick(), line -> {}).run();
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
}
