package io.physcast.model.cli;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.meta.Maml;
import io.physcast.model.meta.MetaInitialisation;
import io.physcast.model.meta.MetaTaskGenerator;
import io.physcast.model.meta.SpatialDerivativeModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code meta-train [--quick] --out spatial.zip}: PiMetaL meta-initialisation of the spatial
 * modules (first-order MAML on synthetic derivative tasks), written as a PA-DGN model file with a
 * fresh temporal head.
 */
final class MetaTrainCommand {
    static final Set<String> OPTIONS =
            Set.of("out", "hidden", "iterations", "tasks-per-batch", "inner-steps", "seed");

    private MetaTrainCommand() {}

    static void run(Args args) throws Exception {
        args.rejectUnknown(OPTIONS);
        ModelArtifact a = metaTrain(args);
        Path out = Path.of(args.get("out", "runs/spatial.zip"));
        ModelArtifactFile.write(out, a);
        System.out.println("wrote " + out + " (version " + a.version() + ")");
    }

    /** Meta-trains with the command's options ({@code --quick}: a small run for CI). */
    static ModelArtifact metaTrain(Args args) {
        boolean quick = args.flag("quick");
        int hidden = args.getInt("hidden", 32);
        long seed = args.getInt("seed", 42);
        Maml.Settings settings =
                new Maml.Settings(
                        args.getInt("iterations", quick ? 20 : 500),
                        args.getInt("tasks-per-batch", 4),
                        args.getInt("inner-steps", 2),
                        0.01f,
                        1e-3f,
                        seed);
        MetaTaskGenerator tasks =
                quick
                        ? new MetaTaskGenerator(
                                60, 120, new int[] {3, 4, 5, 6}, new int[] {1, 2, 3}, 6)
                        : MetaTaskGenerator.defaults();
        SpatialDerivativeModel meta = new SpatialDerivativeModel(hidden, seed);
        System.out.println("meta-train (first-order MAML): " + settings);
        List<Double> losses =
                Maml.train(meta, tasks, settings, line -> System.out.println("  " + line));
        ModelSpec spec = new ModelSpec("PA-DGN", hidden, 1, 4, 12, 12, seed);
        return MetaInitialisation.artifact(meta, spec, settings, losses);
    }
}
