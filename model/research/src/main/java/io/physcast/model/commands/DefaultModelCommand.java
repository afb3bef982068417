package io.physcast.model.commands;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.meta.DefaultModel;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code default-model [--quick] [--spatial spatial.zip] --out model.zip}: the streaming job's
 * model for unseen networks (meta-initialised spatial modules, head pre-trained on simulated
 * convection-diffusion; normalisation calibrated online by the job).
 */
@Command(
        name = "default-model",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "model.sh default-model: the job's model for networks it has never seen: meta-trained"
                    + " spatial modules (frozen) and a head pre-trained on simulated"
                    + " convection-diffusion; normalisation calibrated online by the job."
        })
final class DefaultModelCommand implements ModelCommand {
    @Mixin MetaTrainOptions meta;

    @Mixin SpatialModules spatial;

    @Option(
            names = "--sessions",
            paramLabel = "N",
            description = "Simulated sessions for the head (default 400; 60 with --quick).")
    Integer sessions;

    @Option(
            names = "--head-iterations",
            paramLabel = "N",
            description = "Adam steps of the head (default 150; 50 with --quick).")
    Integer headIterations;

    @Option(
            names = "--head-seconds",
            paramLabel = "S",
            description =
                    "Wall-clock guard of the head's training (default 1800; 600 with --quick);"
                            + " the steps, not the clock, end it.")
    Double headSeconds;

    @Option(
            names = "--out",
            defaultValue = "runs/default-model.zip",
            paramLabel = "FILE",
            description = "The model file written.")
    Path out;

    @Override
    public void run() throws Exception {
        meta.device.use(System.out::println);
        ModelArtifact spatialModules = spatial.load(meta::metaTrain);
        System.out.println("head pre-training on simulated convection-diffusion (SDL frozen)");
        DefaultModel.Head head = DefaultModel.Head.of(meta.quick);
        ModelArtifact a =
                DefaultModel.build(
                        spatialModules,
                        sessions != null ? sessions : head.sessions(),
                        headIterations != null ? headIterations : head.iterations(),
                        headSeconds != null ? headSeconds : head.seconds(),
                        line -> System.out.println("  " + line));
        ModelArtifactFile.write(out, a);
        System.out.println("wrote " + out + " (version " + a.version() + ")");
    }
}
