package io.physcast.model.eval;

import io.physcast.model.data.Normalisation;
import io.physcast.model.train.ForecastLoss;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.ValidationCriterion;
import java.util.Locale;

/**
 * Which validation score chooses the kept parameters of a station model ({@code --select}): the
 * reported metric, MAE in the data's units (default), or the training loss.
 */
public enum CheckpointMetric {
    MAE,
    LOSS;

    public ValidationCriterion criterion(TrainingConfig config, Normalisation norm) {
        return switch (this) {
            case MAE ->
                    new ForecastMae(new ForecastScorer(config.inputLen(), config.horizon(), norm));
            case LOSS -> new ForecastLoss(config);
        };
    }

    /** Parses {@code mae} or {@code loss}, case-insensitively. */
    public static CheckpointMetric parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--select must be mae or loss, not '" + s + "'");
        }
    }
}
