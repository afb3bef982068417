package io.physcast.flink.local;

import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastStep;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's own scoring, independent of the job: the truth of a (station, window) is the mean of
 * the valid readings the runner sent for it; a forecast step is scored when the truth of its target
 * window and of its issue window (persistence) both exist.
 */
public final class RunScore {
    private final long window;
    private final int horizon;
    private final Map<String, double[]> sums = new HashMap<>();
    private final double[] modelAbs;
    private final double[] persistenceAbs;
    private final long[] count;
    private long forecasts;
    private final Map<String, Long> byModelVersion = new LinkedHashMap<>();

    /** Mean over scored steps, split by whether the forecast came from an adapted head. */
    private final double[] phaseModel = new double[2];

    private final double[] phasePersistence = new double[2];
    private final long[] phaseCount = new long[2];

    public RunScore(List<Message> sent, long windowMillis, int horizon) {
        this.window = windowMillis;
        this.horizon = horizon;
        modelAbs = new double[horizon];
        persistenceAbs = new double[horizon];
        count = new long[horizon];
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
        for (ForecastStep step : f.getSteps()) {
            int h = step.getHorizon() - 1;
            if (h >= horizon) {
                continue;
            }
            double t = truth(f.getStation(), step.getTargetTime().toEpochMilli());
            if (!Double.isNaN(t)) {
                modelAbs[h] += Math.abs(step.getValue() - t);
                persistenceAbs[h] += Math.abs(persistence - t);
                count[h]++;
                int phase = f.getModelVersion().contains("+head") ? 1 : 0;
                phaseModel[phase] += Math.abs(step.getValue() - t);
                phasePersistence[phase] += Math.abs(persistence - t);
                phaseCount[phase]++;
            }
        }
    }

    public synchronized long forecasts() {
        return forecasts;
    }

    public synchronized double[] mae() {
        return ratio(modelAbs);
    }

    public synchronized double[] persistenceMae() {
        return ratio(persistenceAbs);
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
            x.put("steps", phaseCount[p]);
            x.put("mae", phaseCount[p] == 0 ? Double.NaN : phaseModel[p] / phaseCount[p]);
            x.put(
                    "persistence_mae",
                    phaseCount[p] == 0 ? Double.NaN : phasePersistence[p] / phaseCount[p]);
            m.put(names[p], x);
        }
        return m;
    }

    public synchronized Map<String, Long> forecastsByModelVersion() {
        return new LinkedHashMap<>(byModelVersion);
    }

    private double[] ratio(double[] abs) {
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            out[h] = count[h] == 0 ? Double.NaN : abs[h] / count[h];
        }
        return out;
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

    public long window() {
        return window;
    }
}
