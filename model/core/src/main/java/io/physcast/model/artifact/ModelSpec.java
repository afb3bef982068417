package io.physcast.model.artifact;

import io.physcast.model.padgn.StepModel;

/**
 * What network an artifact holds: enough to rebuild it with the same parameter names and shapes.
 *
 * @param model a {@link ModelCatalog} name (PA-DGN, RGN, ...)
 * @param inputLen warm-up frames the model was trained with
 * @param horizon forecast steps the model was trained for
 */
public record ModelSpec(
        String model, int hidden, int gruLayers, int k, int inputLen, int horizon, long seed) {
    /** Sizes a network can have: a 0 or negative one failed deep inside its construction. */
    public ModelSpec {
        positive("--hidden", hidden);
        positive("--gru-layers", gruLayers);
        positive("--k", k);
        positive("--input", inputLen);
        positive("--horizon", horizon);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    public StepModel build() {
        return ModelCatalog.create(model, hidden, gruLayers, seed);
    }
}
