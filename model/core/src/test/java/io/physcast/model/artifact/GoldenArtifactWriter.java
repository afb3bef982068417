package io.physcast.model.artifact;

/**
 * Writes the golden model file checked in under src/test/resources/artifact. Run it only when the
 * format version changes (and keep the old golden file for the old version's reader test).
 */
public final class GoldenArtifactWriter {
    private GoldenArtifactWriter() {}

    public static void main(String[] args) throws Exception {
        ModelArtifactFile.write(ModelArtifactFileTest.GOLDEN, ModelArtifactFileTest.sample());
    }
}
