package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.trust.Trust;
import io.physcast.model.trust.TrustSettings;
import io.physcast.model.trust.TrustState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A key's forecasts from issue to scoring. Issuing turns the normalised rollout into the model's
 * forecasts in the data's units, lets the skill guard ({@link Trust}) combine them with the simple
 * forecasts (persistence; for windows shorter than a day the value a day earlier) and put intervals
 * around the result, and keeps what scoring needs in the state; each later window scores the
 * forecasts that target it against what was observed (which is what the guard and the intervals
 * learn from) and drops those fully scored.
 */
final class IssuedForecasts {
    private final int horizon;
    private final Trust trust;

    IssuedForecasts(int horizon, TrustSettings settings) {
        this.horizon = horizon;
        this.trust = new Trust(settings);
    }

    /** The forecasts combined: the model, persistence, and the value a day earlier if any. */
    static int experts(long windowMillis) {
        return DayRing.windowsPerDay(windowMillis) > 0 ? 3 : 2;
    }

    /** Scores the issued forecasts targeting this window, then drops those fully scored. */
    HorizonScores score(ForecastState st, GraphSnapshot s) {
        HorizonScores scores = new HorizonScores(horizon, trust.settings().levelCount());
        startTrust(st, s);
        int experts = experts(s.windowMillis);
        Trust.Window window = trust.window(horizon, experts, s.nodes());
        float[] values = new float[experts];
        int keep = 0;
        for (int i = 0; i < st.issueTimes.length; i++) {
            long steps = (s.windowEnd - st.issueTimes[i]) / s.windowMillis;
            if (steps >= 1 && steps <= horizon) {
                int h = (int) steps - 1;
                float[] predicted = st.issued[i][h];
                float[] persistence = st.issuedPersistence[i];
                float[] dayEarlier = experts == 3 ? st.issuedDayEarlier[i][h] : null;
                float[] weights = st.issuedWeights[i][h];
                float[] scale = st.issuedScale[i][h];
                float[] quantiles = st.issuedQuantiles[i][h];
                int n = Math.min(Math.min(predicted.length, scale.length), s.nodes());
                for (int node = 0; node < n; node++) {
                    if (!s.observed[node] || Float.isNaN(persistence[node])) {
                        continue;
                    }
                    double y = s.values[node];
                    values[0] = predicted[node];
                    values[1] = persistence[node];
                    if (dayEarlier != null) {
                        values[2] = dayEarlier[node];
                    }
                    double central =
                            window.add(h, node, values, weights, scale[node], quantiles, y);
                    scores.add(
                            h,
                            Math.abs(central - y),
                            Math.abs(predicted[node] - y),
                            Math.abs(persistence[node] - y));
                    if (st.issuedIntervals[i][h] && scale[node] > 0) {
                        for (int j = 0; j < quantiles.length / 2; j++) {
                            double lo = Trust.bound(central, scale[node], quantiles[2 * j]);
                            double hi = Trust.bound(central, scale[node], quantiles[2 * j + 1]);
                            scores.addInterval(h, j, y >= lo && y <= hi, hi - lo);
                        }
                    }
                }
            }
            if (steps < horizon) {
                st.issueTimes[keep] = st.issueTimes[i];
                st.issued[keep] = st.issued[i];
                st.issuedPersistence[keep] = st.issuedPersistence[i];
                st.issuedDayEarlier[keep] = st.issuedDayEarlier[i];
                st.issuedWeights[keep] = st.issuedWeights[i];
                st.issuedScale[keep] = st.issuedScale[i];
                st.issuedQuantiles[keep] = st.issuedQuantiles[i];
                st.issuedIntervals[keep] = st.issuedIntervals[i];
                keep++;
            }
        }
        trust.update(st.trust, window);
        st.issueTimes = Arrays.copyOf(st.issueTimes, keep);
        st.issued = Arrays.copyOf(st.issued, keep);
        st.issuedPersistence = Arrays.copyOf(st.issuedPersistence, keep);
        st.issuedDayEarlier = Arrays.copyOf(st.issuedDayEarlier, keep);
        st.issuedWeights = Arrays.copyOf(st.issuedWeights, keep);
        st.issuedScale = Arrays.copyOf(st.issuedScale, keep);
        st.issuedQuantiles = Arrays.copyOf(st.issuedQuantiles, keep);
        st.issuedIntervals = Arrays.copyOf(st.issuedIntervals, keep);
        return scores;
    }

    /**
     * A state without the guard's part (new, or written before it existed) starts it, and forgets
     * forecasts issued without it.
     */
    private void startTrust(ForecastState st, GraphSnapshot s) {
        int experts = experts(s.windowMillis);
        if (st.trust == null || !st.trust.fits(trust.settings(), horizon, experts)) {
            st.trust = TrustState.start(trust.settings(), horizon, experts, s.nodes());
            st.clearIssued();
        }
        if (st.issuedWeights == null || st.issuedWeights.length != st.issueTimes.length) {
            st.clearIssued();
        }
    }

    /**
     * One forecast per station from a rollout of normalised frames (horizon x nodes): the guarded
     * central values with their intervals, and the model's own. Returns them with the guard's
     * weights [h][forecast].
     */
    Issue issue(ForecastState st, GraphSnapshot s, float[][] normalised, String modelVersion) {
        int n = s.nodes();
        DayRing.push(st, s);
        float[][] model = new float[horizon][n];
        long[] targets = new long[horizon];
        for (int h = 0; h < horizon; h++) {
            targets[h] = s.windowEnd + (h + 1) * s.windowMillis;
            for (int i = 0; i < n; i++) {
                model[h][i] = normalised[h][i] * st.normStd[i] + st.normMean[i];
            }
        }
        float[][] persistence = OnlineCalibration.persistence(st.lastObserved, horizon);
        int experts = experts(s.windowMillis);
        float[][] dayEarlier =
                experts == 3 ? DayRing.forecast(st, s, targets, persistence[0]) : null;
        float[][][] all =
                dayEarlier == null
                        ? new float[][][] {model, persistence}
                        : new float[][][] {model, persistence, dayEarlier};
        Trust.Issued guarded = trust.issue(st.trust, all);
        int m = st.issueTimes.length;
        st.issueTimes = Arrays.copyOf(st.issueTimes, m + 1);
        st.issued = Arrays.copyOf(st.issued, m + 1);
        st.issuedPersistence = Arrays.copyOf(st.issuedPersistence, m + 1);
        st.issuedDayEarlier = Arrays.copyOf(st.issuedDayEarlier, m + 1);
        st.issuedWeights = Arrays.copyOf(st.issuedWeights, m + 1);
        st.issuedScale = Arrays.copyOf(st.issuedScale, m + 1);
        st.issuedQuantiles = Arrays.copyOf(st.issuedQuantiles, m + 1);
        st.issuedIntervals = Arrays.copyOf(st.issuedIntervals, m + 1);
        st.issueTimes[m] = s.windowEnd;
        st.issued[m] = model;
        st.issuedPersistence[m] = st.lastObserved.clone();
        st.issuedDayEarlier[m] = dayEarlier;
        st.issuedWeights[m] = guarded.weights();
        st.issuedScale[m] = guarded.scale();
        st.issuedQuantiles[m] = guarded.quantiles();
        st.issuedIntervals[m] = guarded.intervals();
        int levels = trust.settings().levelCount();
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
            f.modelValues = new double[horizon];
            f.levels = trust.settings().levels();
            f.lower = new double[levels][horizon];
            f.upper = new double[levels][horizon];
            for (int h = 0; h < horizon; h++) {
                f.values[h] = guarded.central()[h][i];
                f.modelValues[h] = model[h][i];
                for (int j = 0; j < levels; j++) {
                    f.lower[j][h] = guarded.bound(2 * j, h, i);
                    f.upper[j][h] = guarded.bound(2 * j + 1, h, i);
                }
            }
            out.add(f);
        }
        return new Issue(out, guarded.weights());
    }

    /** What one issue produced: the forecasts and the guard's weights [h][forecast]. */
    record Issue(List<StationForecast> forecasts, float[][] weights) {}
}
