package io.physcast.model.experiments;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Adam;
import io.physcast.model.synth.AnalyticField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reproduces PA-DGN Table 1: MSE of directional derivatives on k-NN graphs of 200 random points for
 * f1 and f2. Every training iteration draws a fresh point set; the test set is a fixed list of
 * unseen point sets per seed. Reported as MSE x 1e-2, mean and std over seeds.
 */
public final class DerivativeExperiment {
    /**
     * @param iterations optimiser steps per model
     * @param testSamples held-out point sets per seed
     */
    public record Settings(int points, int iterations, int testSamples, int seeds, int hidden) {
        public static Settings full() {
            return new Settings(200, 3000, 20, 3, 64);
        }

        public static Settings quick() {
            return new Settings(200, 400, 8, 3, 32);
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public DerivativeExperiment(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * @return field key -> model -> MSE x 1e-2 (mean, std over seeds)
     */
    public Map<String, Map<String, MeanStd>> run() {
        Map<String, Map<String, MeanStd>> out = new LinkedHashMap<>();
        for (AnalyticField field : AnalyticField.values()) {
            Map<String, MeanStd> row = new LinkedHashMap<>();
            for (String name : EdgeDerivativeModel.NAMES) {
                double[] mse = new double[settings.seeds()];
                for (int seed = 0; seed < settings.seeds(); seed++) {
                    mse[seed] = trainAndTest(field, name, seed);
                }
                MeanStd m = MeanStd.of(mse).scaled(100);
                row.put(name, m);
                progress.accept(field.key() + " " + name + ": MSE x1e-2 " + m.format());
            }
            out.put(field.key(), row);
        }
        return out;
    }

    /** Trains one model with one seed and returns its test MSE. */
    double trainAndTest(AnalyticField field, String name, int seed) {
        EdgeDerivativeModel model =
                EdgeDerivativeModel.create(name, settings.hidden(), 1000L + seed);
        Adam adam = new Adam(1e-3f, 0f, 5f);
        long trainBase = 1_000_000L * (seed + 1);
        if (model.params().count() > 0) {
            for (int it = 0; it < settings.iterations(); it++) {
                DerivativeSample s =
                        DerivativeSample.draw(field, settings.points(), trainBase + it);
                Tape t = Tape.training();
                Var loss = t.maskedMse(model.predict(t, s), s.labels(), null);
                t.backward(loss);
                adam.step(model.params().all());
            }
        }
        double sum = 0;
        long testBase = -1_000_000L * (seed + 1); // disjoint from every training seed
        for (int k = 0; k < settings.testSamples(); k++) {
            DerivativeSample s = DerivativeSample.draw(field, settings.points(), testBase - k);
            Tape t = Tape.inference();
            sum += t.maskedMse(model.predict(t, s), s.labels(), null).value.data[0];
        }
        return sum / settings.testSamples();
    }
}
