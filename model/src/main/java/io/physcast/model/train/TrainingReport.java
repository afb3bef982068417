package io.physcast.model.train;

/** What a training run did: for the output table and the artifact's provenance. */
public record TrainingReport(
        String model,
        int iterations,
        int bestIteration,
        double bestValidationLoss,
        double seconds,
        String stopReason) {

    public String summary() {
        return String.format(
                "%s: %d iterations in %.0f s, best validation loss %.4f at %d (%s)",
                model, iterations, seconds, bestValidationLoss, bestIteration, stopReason);
    }
}
