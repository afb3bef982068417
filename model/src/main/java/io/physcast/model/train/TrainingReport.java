package io.physcast.model.train;

/** What a training run did: for the output table and the artifact's provenance. */
public record TrainingReport(
        String model,
        int iterations,
        int bestIteration,
        double bestValidationLoss,
        double seconds,
        String stopReason) {}
