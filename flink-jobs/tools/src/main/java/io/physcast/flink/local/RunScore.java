package io.physcast.flink.local;

import io.physcast.flink.forecast.HorizonScores;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastInterval;
import io.physcast.schemas.ForecastStep;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's own scoring, independent of the job: the truth of a (station, window) is the mean of
 * the valid readings the runner sent for it; a forecast step is scored when the truth of its target
 * window and of its issue window (persistence) both exist. The emitted value, the model's own
 * ({@code modelValue}) and persistence are scored on the same steps, and the interval of the first
 * level the records carry on the steps that have one (the job emits intervals once a horizon's
 * calibration windows are scored).
 */
public final class RunScore {
    private final int horizon;
    private final Map<String, double[]> sums = new HashMap<>();
    private final HorizonScores scores;

    /** All scored steps pooled, [0] from the model file's head, [1] from adapted heads. */
    private final HorizonScores[] byHead = {new HorizonScores(1, 1), new HorizonScores(1, 1)};

    /** The level of the intervals scored (NaN until a record carries one). */
    private double level = Double.NaN;

    private long forecasts;
    private final Map<String, Long> byModelVersion = new LinkedHashMap<>();

    public RunScore(List<Message> sent, long windowMillis, int horizon) {
        this.horizon = horizon;
        this.scores = new HorizonScores(horizon, 1);
        for (Message m : sent) {
            Message.ValidReading r = m.reading();
            if (r != null) {
                long end = r.time() - Math.floorMod(r.time(), windowMillis) + windowMillis;
                double[] s = sums.computeIfAbsent(r.station() + "@" + end, k -> new double[2]);
                s[0] += r.value();
                s[1]++;
            }
        }
    }

    private double truth(String station, long windowEnd) {
        double[] s = sums.get(station + "@" + windowEnd);
        return s == null ? Double.NaN : s[0] / s[1];
    }

    public synchronized void add(Forecast f) {
        forecasts++;
        byModelVersion.merge(f.getModelVersion(), 1L, Long::sum);
        double persistence = truth(f.getStation(), f.getIssueTime().toEpochMilli());
        if (Double.isNaN(persistence)) {
            return;
        }
        HorizonScores head = byHead[f.getModelVersion().contains("+head") ? 1 : 0];
        for (ForecastStep step : f.getSteps()) {
            int h = step.getHorizon() - 1;
            if (h >= horizon) {
                continue;
            }
            double t = truth(f.getStation(), step.getTargetTime().toEpochMilli());
            if (!Double.isNaN(t)) {
                double emitted = Math.abs(step.getValue() - t);
                Double raw = step.getModelValue();
                double model = raw == null ? emitted : Math.abs(raw - t);
                double persisted = Math.abs(persistence - t);
                scores.add(h, emitted, model, persisted);
                head.add(0, emitted, model, persisted);
                for (ForecastInterval i : step.getIntervals()) {
                    if (Double.isNaN(level)) {
                        level = i.getLevel();
                    }
                    if (i.getLevel() == level) {
                        boolean inside = t >= i.getLower() && t <= i.getUpper();
                        scores.addInterval(h, 0, inside, i.getUpper() - i.getLower());
                    }
                }
            }
        }
    }

    public synchronized long forecasts() {
        return forecasts;
    }

    /** MAE per horizon of the emitted forecasts. */
    public synchronized double[] mae() {
        return byHorizon(scores::mae);
    }

    /** MAE per horizon of the model's own forecasts. */
    public synchronized double[] rawMae() {
        return byHorizon(scores::modelMae);
    }

    public synchronized double[] persistenceMae() {
        return byHorizon(scores::persistenceMae);
    }

    /** Fraction of scored steps inside their interval, per horizon (NaN: none with one). */
    public synchronized double[] coverageByHorizon() {
        return byHorizon(h -> scores.coverage(h, 0));
    }

    public synchronized double[] meanWidth() {
        return byHorizon(h -> scores.meanWidth(h, 0));
    }

    /** Coverage over every scored step with an interval. */
    public synchronized double coverage() {
        long in = 0;
        long all = 0;
        for (int h = 0; h < horizon; h++) {
            in += scores.covered[h][0];
            all += scores.intervals[h][0];
        }
        return all == 0 ? Double.NaN : (double) in / all;
    }

    /** The nominal level of the intervals scored (NaN: none seen). */
    public synchronized double intervalLevel() {
        return level;
    }

    private double[] byHorizon(java.util.function.IntToDoubleFunction f) {
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            out[h] = f.applyAsDouble(h);
        }
        return out;
    }

    /**
     * MAE over all scored steps of forecasts from the artifact's head (before any adaptation) and
     * from adapted heads, each with persistence's MAE on the same steps.
     */
    public synchronized Map<String, Object> byAdaptation() {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] names = {"before_adaptation", "after_adaptation"};
        for (int p = 0; p < 2; p++) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("steps", byHead[p].count[0]);
            x.put("mae", byHead[p].mae(0));
            x.put("raw_mae", byHead[p].modelMae(0));
            x.put("persistence_mae", byHead[p].persistenceMae(0));
            m.put(names[p], x);
        }
        return m;
    }

    public synchronized Map<String, Long> forecastsByModelVersion() {
        return new LinkedHashMap<>(byModelVersion);
    }

    /** Mean over horizons of the per-horizon MAE (NaN horizons skipped). */
    public static double mean(double[] mae) {
        double s = 0;
        int n = 0;
        for (double v : mae) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
