package io.physcast.model.artifact;

/** A model file that cannot be used: corrupt, truncated, of another format or version. */
public final class InvalidModelArtifactException extends RuntimeException {
    public InvalidModelArtifactException(String message) {
        super(message);
    }

    public InvalidModelArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
