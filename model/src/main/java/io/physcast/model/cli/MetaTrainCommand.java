package io.physcast.model.cli;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.meta.Maml;
import io.physcast.model.meta.MetaTraining;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code meta-train [--quick] --out spatial.zip}: PiMetaL meta-initialisation of the spatial
 * modules (first-order MAML on synthetic derivative tasks), written as a PA-DGN model file with a
 * fresh temporal head.
 */
final class MetaTrainCommand {
    static final Set<String> OPTIONS =
            Set.of(
                    "quick",
                    "out",
                    "hidden",
                    "iterations",
                    "tasks-per-batch",
                    "inner-steps",
                    "seed");

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
        long seed = args.getInt("seed", 42);
        Maml.Settings d = MetaTraining.settings(quick, seed);
        Maml.Settings settings =
                new Maml.Settings(
                        args.getInt("iterations", d.iterations()),
                        args.getInt("tasks-per-batch", d.tasksPerBatch()),
                        args.getInt("inner-steps", d.innerSteps()),
                        d.innerLr(),
                        d.outerLr(),
                        seed);
        return MetaTraining.spatialModules(
                args.getInt("hidden", 32),
                settings,
                MetaTraining.tasks(quick),
                System.out::println);
    }
}
