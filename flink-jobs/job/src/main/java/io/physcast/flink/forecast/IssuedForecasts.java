package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A key's forecasts from issue to scoring: issuing turns the normalised rollout into forecasts in
 * the data's units and keeps them (with persistence's) in the state; each later window scores those
 * that target it against what was observed, and drops those fully scored.
 */
final class IssuedForecasts {
    private final int horizon;

    IssuedForecasts(int horizon) {
        this.horizon = horizon;
    }

    /** Scores the issued forecasts targeting this window, then drops those fully scored. */
    HorizonScores score(ForecastState st, GraphSnapshot s) {
        HorizonScores scores = new HorizonScores(horizon);
        int keep = 0;
        for (int i = 0; i < st.issueTimes.length; i++) {
            long steps = (s.windowEnd - st.issueTimes[i]) / s.windowMillis;
            if (steps >= 1 && steps <= horizon) {
                float[] predicted = st.issued[i][(int) steps - 1];
                float[] persistence = st.issuedPersistence[i];
                for (int node = 0; node < predicted.length && node < s.nodes(); node++) {
                    if (s.observed[node] && !Float.isNaN(persistence[node])) {
                        double v = s.values[node];
                        scores.add(
                                (int) steps - 1,
                                Math.abs(predicted[node] - v),
                                Math.abs(persistence[node] - v));
                    }
                }
            }
            if (steps < horizon) {
                st.issueTimes[keep] = st.issueTimes[i];
                st.issued[keep] = st.issued[i];
                st.issuedPersistence[keep] = st.issuedPersistence[i];
                keep++;
            }
        }
        st.issueTimes = Arrays.copyOf(st.issueTimes, keep);
        st.issued = Arrays.copyOf(st.issued, keep);
        st.issuedPersistence = Arrays.copyOf(st.issuedPersistence, keep);
        return scores;
    }

    /** One forecast per station from a rollout of normalised frames (horizon x nodes). */
    List<StationForecast> issue(
            ForecastState st, GraphSnapshot s, float[][] normalised, String modelVersion) {
        int n = s.nodes();
        float[][] values = new float[horizon][n];
        long[] targets = new long[horizon];
        for (int h = 0; h < horizon; h++) {
            targets[h] = s.windowEnd + (h + 1) * s.windowMillis;
            for (int i = 0; i < n; i++) {
                values[h][i] = normalised[h][i] * st.normStd[i] + st.normMean[i];
            }
        }
        int m = st.issueTimes.length;
        st.issueTimes = Arrays.copyOf(st.issueTimes, m + 1);
        st.issued = Arrays.copyOf(st.issued, m + 1);
        st.issuedPersistence = Arrays.copyOf(st.issuedPersistence, m + 1);
        st.issueTimes[m] = s.windowEnd;
        st.issued[m] = values;
        st.issuedPersistence[m] = st.lastObserved.clone();
        List<StationForecast> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StationForecast f = new StationForecast();
            f.region = s.region;
            f.variable = s.variable;
            f.station = s.stations[i];
            f.issueTime = s.windowEnd;
            f.modelVersion = modelVersion;
            f.targetTimes = targets.clone();
            f.values = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                f.values[h] = values[h][i];
            }
            out.add(f);
        }
        return out;
    }
}
