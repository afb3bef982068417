package io.physcast.flink.forecast;

import io.physcast.model.artifact.ModelArtifact;

/**
 * Which parameters the engine's one model instance holds: the model file's, or a key's adapted
 * head. Keys take turns on the same instance, so each step first loads the key's set; loading is
 * skipped when it is already in place.
 */
final class ModelParams {
    private final ModelArtifact artifact;
    private final float[][] base;
    private float[][] loaded;

    ModelParams(ModelArtifact artifact) {
        this.artifact = artifact;
        this.base = artifact.model().params().snapshot();
        this.loaded = base;
    }

    /** The key's parameter set: its adapted head, or the model file's. */
    float[][] of(ForecastState st) {
        return st.head == null ? base : st.head;
    }

    /** Puts the key's parameters into the model. */
    void load(ForecastState st) {
        float[][] want = of(st);
        if (loaded != want) {
            artifact.model().params().restore(want);
            loaded = want;
        }
    }

    /** The model's parameters were changed in place (inline training): reload before a step. */
    void invalidate() {
        loaded = null;
    }
}
