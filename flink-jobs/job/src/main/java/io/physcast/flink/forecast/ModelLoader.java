package io.physcast.flink.forecast;

import io.physcast.model.artifact.InvalidModelArtifactException;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Opens a model file through Flink's {@link FileSystem}, so {@code --model} can name any scheme the
 * cluster has a file-system plugin for ({@code file://}, {@code s3://}, {@code hdfs://}, ...); a
 * path without a scheme is the cluster's default file system. The forecaster reads it once per task
 * in {@code open()}, so a shared store serves every TaskManager without copying the file.
 */
public final class ModelLoader {
    private ModelLoader() {}

    public static ModelArtifact load(String location) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem();
            try (InputStream in = fs.open(path)) {
                return ModelArtifactFile.read(in, location);
            }
        } catch (FileNotFoundException e) {
            throw new InvalidModelArtifactException("model file " + location + ": no such file");
        } catch (IOException e) {
            throw new InvalidModelArtifactException(
                    "model file " + location + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
