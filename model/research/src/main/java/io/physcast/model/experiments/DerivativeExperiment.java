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
 * f1 and f2. As the paper describes it (section 3.1: "sample 200 points"; appendix A.6: SDL trained
 * on one point set and evaluated on resampled ones), each seed trains on one drawn point set by
 * default; the test set is a fixed list of unseen point sets per seed. Reported as MSE x 1e-2, mean
 * and std over seeds.
 */
public final class DerivativeExperiment {
    /**
     * @param iterations optimiser steps per model
     * @param testSamples held-out point sets per seed
     * @param trainingSets point sets drawn per seed for training, cycled over the iterations; 0
     *     draws a fresh set every iteration (the builds before 2026-12-03)
     */
    public record Settings(
            int points, int iterations, int testSamples, int seeds, int hidden, int trainingSets) {
        public Settings {
            if (trainingSets < 0) {
                throw new IllegalArgumentException("need --training-sets >= 0");
            }
        }

        public static Settings full() {
            return new Settings(200, 3000, 20, 3, 64, 1);
        }

        public static Settings quick() {
            return new Settings(200, 400, 8, 3, 32, 1);
        }

        public Settings withTrainingSets(int sets) {
            return new Settings(points, iterations, testSamples, seeds, hidden, sets);
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

    /** Iterations between validation passes. */
    static final int VALIDATE_EVERY = 50;

    /**
     * Trains one model with one seed, keeping the parameters with the lowest MSE on a validation
     * point set (checked every {@link #VALIDATE_EVERY} iterations), and returns its test MSE.
     */
    double trainAndTest(AnalyticField field, String name, int seed) {
        EdgeDerivativeModel model =
                EdgeDerivativeModel.create(name, settings.hidden(), 1000L + seed);
        // seeds: training 1e6 (seed+1) + k, validation 5e5 (2 seed+1), test -1e6 (seed+1) - k
        long trainBase = 1_000_000L * (seed + 1);
        int sets = settings.trainingSets();
        DerivativeSample[] fixed = new DerivativeSample[sets];
        for (int k = 0; k < sets; k++) {
            fixed[k] = DerivativeSample.draw(field, settings.points(), trainBase + k);
        }
        if (model.params().count() > 0) {
            DerivativeSample validation =
                    DerivativeSample.draw(field, settings.points(), 500_000L * (2 * seed + 1));
            Adam adam = new Adam(1e-3f, 0f, 5f);
            double best = mse(model, validation);
            float[][] bestParams = model.params().snapshot();
            for (int it = 1; it <= settings.iterations(); it++) {
                DerivativeSample s =
                        sets > 0
                                ? fixed[(it - 1) % sets]
                                : DerivativeSample.draw(
                                        field, settings.points(), trainBase + it - 1);
                Tape t = Tape.training();
                Var loss = t.maskedMse(model.predict(t, s), s.labels(), null);
                t.backward(loss);
                adam.step(model.params().all());
                if (it % VALIDATE_EVERY == 0 || it == settings.iterations()) {
                    double v = mse(model, validation);
                    if (v < best) {
                        best = v;
                        bestParams = model.params().snapshot();
                    }
                }
            }
            model.params().restore(bestParams);
        }
        double sum = 0;
        long testBase = -1_000_000L * (seed + 1);
        for (int k = 0; k < settings.testSamples(); k++) {
            sum += mse(model, DerivativeSample.draw(field, settings.points(), testBase - k));
        }
        return sum / settings.testSamples();
    }

    private static double mse(EdgeDerivativeModel model, DerivativeSample s) {
        Tape t = Tape.inference();
        return t.maskedMse(model.predict(t, s), s.labels(), null).value.data[0];
    }
}
