package io.physcast.model.cli;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.meta.DefaultModel;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code default-model [--quick] [--spatial spatial.zip] --out model.zip}: the streaming job's
 * model for unseen networks (meta-initialised spatial modules, head pre-trained on simulated
 * convection-diffusion; normalisation calibrated online by the job).
 */
final class DefaultModelCommand {
    static final Set<String> OPTIONS =
            Set.of(
                    "quick",
                    "out",
                    "spatial",
                    "sessions",
                    "head-iterations",
                    "head-seconds",
                    "hidden",
                    "iterations",
                    "tasks-per-batch",
                    "inner-steps",
                    "seed");

    private DefaultModelCommand() {}

    static void run(Args args) throws Exception {
        args.rejectUnknown(OPTIONS);
        boolean quick = args.flag("quick");
        String spatialFile = args.get("spatial", null);
        ModelArtifact spatial =
                spatialFile != null
                        ? ModelArtifactFile.read(Path.of(spatialFile))
                        : MetaTrainCommand.metaTrain(args);
        System.out.println("head pre-training on simulated convection-diffusion (SDL frozen)");
        DefaultModel.Head head = DefaultModel.Head.of(quick);
        ModelArtifact a =
                DefaultModel.build(
                        spatial,
                        args.getInt("sessions", head.sessions()),
                        args.getInt("head-iterations", head.iterations()),
                        args.getDouble("head-seconds", head.seconds()),
                        line -> System.out.println("  " + line));
        Path out = Path.of(args.get("out", "runs/default-model.zip"));
        ModelArtifactFile.write(out, a);
        System.out.println("wrote " + out + " (version " + a.version() + ")");
    }
}
