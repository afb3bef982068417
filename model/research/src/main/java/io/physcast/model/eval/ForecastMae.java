package io.physcast.model.eval;

import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.ValidationCriterion;
import io.physcast.model.train.Window;
import java.util.List;

/**
 * Validation MAE in the data's units, averaged over every forecast horizon: the metric the
 * evaluation reports, so the checkpoint is chosen by what it will be judged on. The training loss
 * weighs each station by its normalised scale and squares errors; this weighs stations and errors
 * as the reported MAE does.
 */
public record ForecastMae(ForecastScorer scorer) implements ValidationCriterion {
    @Override
    public String name() {
        return "MAE";
    }

    @Override
    public double score(StepModel model, GraphInputs graph, List<Window> validation) {
        if (validation.isEmpty()) {
            return Double.NaN;
        }
        HorizonErrors e = scorer.score(model, graph, validation).errors();
        double sum = 0;
        int scored = 0;
        for (int h = 1; h <= scorer.horizon(); h++) {
            if (e.count(h) > 0) {
                sum += e.mae(h);
                scored++;
            }
        }
        return scored == 0 ? Double.NaN : sum / scored;
    }
}
