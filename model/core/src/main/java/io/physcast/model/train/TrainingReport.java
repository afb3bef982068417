package io.physcast.model.train;

/**
 * What a training run did: for the output table and the artifact's provenance.
 *
 * @param criterion name of the {@link ValidationCriterion} that chose the kept parameters
 * @param bestValidation its score for them
 */
public record TrainingReport(
        String model,
        int iterations,
        int bestIteration,
        String criterion,
        double bestValidation,
        double seconds,
        String stopReason) {

    public String summary() {
        return String.format(
                "%s: %d iterations in %.0f s, best validation %s %.4f at %d (%s)",
                model, iterations, seconds, criterion, bestValidation, bestIteration, stopReason);
    }
}
