package io.physcast.model.train;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import java.util.List;

/**
 * The training objective as a validation score: mean over batches of the normalised MSE summed over
 * the forecast steps, free-running. Windows past the last whole batch are not scored.
 */
public record ForecastLoss(TrainingConfig config) implements ValidationCriterion {
    @Override
    public String name() {
        return "loss";
    }

    @Override
    public double score(StepModel model, GraphInputs graph, List<Window> validation) {
        if (validation.isEmpty()) {
            return Double.NaN;
        }
        SequenceUnroller unroller =
                new SequenceUnroller(model, config.inputLen(), config.horizon());
        int batch = Math.min(config.batch(), validation.size());
        GraphInputs batchGraph = graph.replicate(batch);
        double sum = 0;
        int count = 0;
        try (Execution exec = Execution.of(model.params())) {
            for (int i = 0; i + batch <= validation.size(); i += batch) {
                try (Tape t = exec.inference()) {
                    List<Window> part = validation.subList(i, i + batch);
                    sum += unroller.unroll(t, batchGraph, part, 0, null).loss().host().data[0];
                }
                count++;
            }
        }
        return sum / Math.max(count, 1);
    }
}
