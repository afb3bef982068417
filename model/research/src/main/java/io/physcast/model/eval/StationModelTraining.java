package io.physcast.model.eval;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.artifact.Provenance;
import io.physcast.model.data.ChronologicalSplit;
import io.physcast.model.data.Normalisation;
import io.physcast.model.data.Station;
import io.physcast.model.data.StationDataset;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Trainer;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.TrainingReport;
import io.physcast.model.train.Window;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains one model on a whole station data set for deployment (the {@code train} command): the
 * first 90% of frames train, the last 10% validate for early stopping (on {@code select}); the
 * result is an artifact with the normalisation and provenance the streaming job needs.
 */
public final class StationModelTraining {
    public static final double TRAIN_FRACTION = 0.9;

    private StationModelTraining() {}

    public static ModelArtifact train(
            StationDataset data,
            ModelSpec spec,
            TrainingConfig config,
            CheckpointMetric select,
            Map<String, String> dataProvenance,
            Consumer<String> progress) {
        var s = data.series();
        ChronologicalSplit split =
                ChronologicalSplit.of(s.length(), TRAIN_FRACTION, 1 - TRAIN_FRACTION);
        Normalisation norm = Normalisation.fit(s.values(), s.observed(), 0, split.trainEnd());
        float[][] z = norm.normalise(s.values(), s.observed());
        int len = spec.inputLen() + spec.horizon();
        List<Window> train = split.train(z, s.observed(), len);
        List<Window> validation = split.validation(z, s.observed(), spec.inputLen(), len);
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException(
                    s.length() + " frames are too few for windows of " + len + " frames");
        }
        StepModel model = spec.build();
        GraphInputs graph = new GraphInputs(data.knnGraph(spec.k()));
        TrainingReport report =
                new Trainer(config, select.criterion(config, norm), progress)
                        .fit(model, graph, train, validation);
        progress.accept(report.summary());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("report", report);
        training.put("trainWindows", train.size());
        training.put("validationWindows", validation.size());
        Provenance provenance =
                new Provenance(
                        Instant.now().toString(),
                        dataProvenance,
                        Map.of("training", config, "window", s.window().toString()),
                        training);
        return ModelArtifact.of(
                spec,
                model,
                data.stations().stream().map(Station::id).toList(),
                norm,
                pooled(norm),
                provenance);
    }

    /** Fallback for unseen stations: mean of the station means and of the stds. */
    private static Normalisation pooled(Normalisation n) {
        double m = 0;
        double sd = 0;
        for (int i = 0; i < n.nodes(); i++) {
            m += n.mean()[i] / n.nodes();
            sd += n.std()[i] / n.nodes();
        }
        return new Normalisation(new float[] {(float) m}, new float[] {(float) sd});
    }
}
