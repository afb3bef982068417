package io.physcast.model.commands;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Where meta-trained spatial modules come from (a picocli mixin): a file, or trained here. */
public final class SpatialModules {
    @Option(
            names = "--spatial",
            paramLabel = "FILE",
            description = "Meta-trained spatial modules (meta-train); default: meta-train here.")
    Path file;

    /** The file's modules, or {@code metaTrain}'s when no file is given. */
    ModelArtifact load(Supplier<ModelArtifact> metaTrain) {
        return file != null ? ModelArtifactFile.read(file) : metaTrain.get();
    }

    /** For the settings line: the file, or that they were trained in this run. */
    String source() {
        return file != null ? file.toString() : "meta-trained in this run";
    }
}
