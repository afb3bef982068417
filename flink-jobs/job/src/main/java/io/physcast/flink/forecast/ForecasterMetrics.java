package io.physcast.flink.forecast;

import io.physcast.flink.ingest.GraphKey;
import io.physcast.flink.snapshot.GraphSnapshot;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Online scores as Flink metrics under {@code physcast.region.<r>.variable.<v>}: per horizon
 * ({@code horizon.<h>}) the MAE of the emitted forecast, of the model's own and of persistence
 * (cumulative since the operator started), the skill guard's current weights, and per interval
 * level ({@code level.<percent>}) the coverage and mean width; forecasts out, snapshots, step
 * latency and head adaptations (accepted, rejected, loss before and after the last).
 */
final class ForecasterMetrics {
    private final MetricGroup root;
    private final int horizon;
    private final Map<String, PerKey> keys = new HashMap<>();

    private static final class PerKey {
        HorizonScores scores;
        Counter forecasts;
        Counter snapshots;
        Counter accepted;
        Counter rejected;
        volatile double stepMillis;
        volatile double lossBefore = Double.NaN;
        volatile double lossAfter = Double.NaN;
        volatile double adaptSeconds = Double.NaN;
        volatile double adaptWaitSeconds = Double.NaN;
        volatile float[][] weights;
    }

    private static final String[] FORECASTS = {"Model", "Persistence", "DayEarlier"};
    private final double[] levels;

    ForecasterMetrics(MetricGroup root, int horizon, double[] levels) {
        this.root = root;
        this.horizon = horizon;
        this.levels = levels.clone();
    }

    void record(String key, ForecastEngine.Outcome o, GraphSnapshot s, double millis) {
        PerKey k = keys.computeIfAbsent(key, this::register);
        synchronized (k.scores) {
            k.scores.addAll(o.scores());
        }
        k.forecasts.inc(o.forecasts().size());
        if (o.weights() != null) {
            k.weights = o.weights();
        }
        if (!s.correction) {
            k.snapshots.inc();
            k.stepMillis = millis;
        }
        if (o.adaptation() != null) {
            (o.adaptation().accepted() ? k.accepted : k.rejected).inc();
            k.lossBefore = o.adaptation().lossBefore();
            k.lossAfter = o.adaptation().lossAfter();
            k.adaptSeconds = o.adaptation().seconds();
            k.adaptWaitSeconds = o.adaptation().waitedSeconds();
        }
    }

    void forget(String key) {
        keys.remove(key);
    }

    private PerKey register(String key) {
        MetricGroup g =
                root.addGroup("region", GraphKey.region(key))
                        .addGroup("variable", GraphKey.variable(key));
        PerKey k = new PerKey();
        k.scores = new HorizonScores(horizon, levels.length);
        k.forecasts = g.counter("forecasts");
        k.snapshots = g.counter("snapshots");
        k.accepted = g.counter("adaptationsAccepted");
        k.rejected = g.counter("adaptationsRejected");
        g.gauge("stepLatencyMs", (Gauge<Double>) () -> k.stepMillis);
        g.gauge("adaptLossBefore", (Gauge<Double>) () -> k.lossBefore);
        g.gauge("adaptLossAfter", (Gauge<Double>) () -> k.lossAfter);
        g.gauge("adaptSeconds", (Gauge<Double>) () -> k.adaptSeconds);
        g.gauge("adaptWaitSeconds", (Gauge<Double>) () -> k.adaptWaitSeconds);
        for (int h = 0; h < horizon; h++) {
            int hh = h;
            MetricGroup byHorizon = g.addGroup("horizon", Integer.toString(h + 1));
            byHorizon.gauge("mae", (Gauge<Double>) () -> read(k, x -> x.mae(hh)));
            byHorizon.gauge("modelMae", (Gauge<Double>) () -> read(k, x -> x.modelMae(hh)));
            byHorizon.gauge(
                    "persistenceMae", (Gauge<Double>) () -> read(k, x -> x.persistenceMae(hh)));
            for (int e = 0; e < FORECASTS.length; e++) {
                int ee = e;
                byHorizon.gauge("weight" + FORECASTS[e], (Gauge<Double>) () -> weight(k, hh, ee));
            }
            for (int j = 0; j < levels.length; j++) {
                int jj = j;
                MetricGroup byLevel =
                        byHorizon.addGroup("level", String.valueOf(Math.round(levels[j] * 100)));
                byLevel.gauge("coverage", (Gauge<Double>) () -> read(k, x -> x.coverage(hh, jj)));
                byLevel.gauge(
                        "intervalWidth", (Gauge<Double>) () -> read(k, x -> x.meanWidth(hh, jj)));
            }
        }
        return k;
    }

    private static double read(PerKey k, java.util.function.ToDoubleFunction<HorizonScores> f) {
        synchronized (k.scores) {
            return f.applyAsDouble(k.scores);
        }
    }

    /** The guard's weight of a forecast at the last issue (NaN: none yet, or not combined). */
    private static double weight(PerKey k, int h, int forecast) {
        float[][] w = k.weights;
        return w == null || forecast >= w[h].length ? Double.NaN : w[h][forecast];
    }
}
