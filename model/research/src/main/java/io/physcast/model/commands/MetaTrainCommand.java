package io.physcast.model.commands;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meta-train [--quick] --out spatial.zip}: PiMetaL meta-initialisation of the spatial
 * modules (first-order MAML on synthetic derivative tasks), written as a PA-DGN model file with a
 * fresh temporal head.
 */
@Command(
        name = "meta-train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "model.sh meta-train: PiMetaL meta-initialisation of the spatial modules (first-order"
                    + " MAML on synthetic derivative tasks) into a PA-DGN model file."
        })
final class MetaTrainCommand implements ModelCommand {
    @Mixin MetaTrainOptions meta;

    @Option(
            names = "--out",
            defaultValue = "runs/spatial.zip",
            paramLabel = "FILE",
            description = "The model file written.")
    Path out;

    @Override
    public void run() throws Exception {
        meta.device.use(System.out::println);
        ModelArtifact a = meta.metaTrain();
        ModelArtifactFile.write(out, a);
        System.out.println("wrote " + out + " (version " + a.version() + ")");
    }
}
