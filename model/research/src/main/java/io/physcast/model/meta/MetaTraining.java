package io.physcast.model.meta;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelSpec;
import java.util.List;
import java.util.function.Consumer;

/** PiMetaL meta-training of the spatial modules into a PA-DGN model file (meta-train). */
public final class MetaTraining {
    private MetaTraining() {}

    /** The full run (500 meta-iterations) or a quick one for CI (20 iterations, small graphs). */
    public static Maml.Settings settings(boolean quick, long seed) {
        return new Maml.Settings(quick ? 20 : 500, 4, 2, 0.01f, 1e-3f, seed);
    }

    public static MetaTaskGenerator tasks(boolean quick) {
        return quick
                ? new MetaTaskGenerator(60, 120, new int[] {3, 4, 5, 6}, new int[] {1, 2, 3}, 6)
                : MetaTaskGenerator.defaults();
    }

    /** First-order MAML over the tasks; the result has a fresh temporal head. */
    public static ModelArtifact spatialModules(
            int hidden,
            Maml.Settings settings,
            MetaTaskGenerator tasks,
            Consumer<String> progress) {
        SpatialDerivativeModel meta = new SpatialDerivativeModel(hidden, settings.seed());
        progress.accept("meta-train (first-order MAML): " + settings);
        List<Double> losses =
                Maml.train(meta, tasks, settings, line -> progress.accept("  " + line));
        ModelSpec spec = new ModelSpec("PA-DGN", hidden, 1, 4, 12, 12, settings.seed());
        return MetaInitialisation.artifact(meta, spec, settings, losses);
    }
}
