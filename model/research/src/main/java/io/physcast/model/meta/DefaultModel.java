package io.physcast.model.meta;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.experiments.ConvectionDiffusionExperiment;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Trainer;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.TrainingReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The streaming job's default model, for a network nobody trained on: the meta-initialised spatial
 * modules (frozen) with a temporal head pre-trained on simulated convection-diffusion sessions. It
 * carries no station statistics; the job calibrates each network's normalisation online from its
 * first frames ({@link ModelArtifact#calibratesOnline()}) and re-adapts the head on its data.
 */
public final class DefaultModel {
    private DefaultModel() {}

    /**
     * Head pre-training: simulated sessions, Adam steps and a wall-clock guard. The steps, not the
     * clock, end it, so the file is the same wherever it is generated: a 120 s budget gave the head
     * 100 steps inside run-local's job JVM and about 175 under {@code model.sh default-model}.
     */
    public record Head(int sessions, int iterations, double seconds) {
        /** The full settings, or a small run for CI. */
        public static Head of(boolean quick) {
            return quick ? new Head(60, 50, 600) : new Head(400, 150, 1800);
        }
    }

    /** Meta-trains the spatial modules (full or quick run) and pre-trains the head. */
    public static ModelArtifact generate(boolean quick, long seed, Consumer<String> progress) {
        ModelArtifact spatial =
                MetaTraining.spatialModules(
                        32,
                        MetaTraining.settings(quick, seed),
                        MetaTraining.tasks(quick),
                        progress);
        progress.accept("head pre-training on simulated convection-diffusion (SDL frozen)");
        Head head = Head.of(quick);
        return build(spatial, head.sessions(), head.iterations(), head.seconds(), progress);
    }

    /**
     * @param spatial a meta-initialised PA-DGN ({@code meta-train}); its spec is kept
     * @param sessions simulated sessions for the head (70% train, 15% validation)
     */
    public static ModelArtifact build(
            ModelArtifact spatial,
            int sessions,
            int iterations,
            double seconds,
            Consumer<String> progress) {
        ModelSpec spec = spatial.spec();
        StepModel model = spec.build();
        model.params().restore(spatial.model().params().snapshot());
        var data = ConvectionDiffusionExperiment.simulate(sessions, 200, spec.seed());
        TrainingConfig config =
                TrainingConfig.stations(
                                ConvectionDiffusionExperiment.INPUT,
                                ConvectionDiffusionExperiment.HORIZON,
                                iterations,
                                seconds,
                                spec.seed())
                        // simulated sessions train as Table 2's do; the README's run-local
                        // figures are for the model this gives
                        .withFeedbackGradients(true)
                        .withAveraging(0);
        model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, true);
        TrainingReport report;
        try {
            report =
                    new Trainer(config, progress)
                            .fit(model, data.graph(), data.train(), data.validation());
        } finally {
            model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, false);
        }
        Map<String, Object> settings = new LinkedHashMap<>(spatial.provenance().settings());
        settings.put(ModelArtifact.NORMALISATION, ModelArtifact.ONLINE);
        settings.put("head", Map.of("sessions", sessions, "iterations", iterations));
        Map<String, Object> training = new LinkedHashMap<>(spatial.provenance().training());
        training.put("head", report.summary());
        training.put("spatialFrom", spatial.version());
        return MetaInitialisation.forAnyNetwork(
                spec,
                model,
                Map.of(
                        "meta-train", "synthetic Fourier fields (MetaTaskGenerator)",
                        "head", "simulated convection-diffusion sessions"),
                settings,
                training);
    }
}
