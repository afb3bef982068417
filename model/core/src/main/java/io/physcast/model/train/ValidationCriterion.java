package io.physcast.model.train;

import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import java.util.List;

/**
 * What early stopping minimises on the validation windows: the {@link Trainer} keeps the parameters
 * with the lowest score. Forecasts are free-running (no teacher forcing).
 */
public interface ValidationCriterion {
    /** Short name for progress output and reports, e.g. "loss" or "MAE". */
    String name();

    /** Lower is better; NaN when there is nothing to score. */
    double score(StepModel model, GraphInputs graph, List<Window> validation);
}
