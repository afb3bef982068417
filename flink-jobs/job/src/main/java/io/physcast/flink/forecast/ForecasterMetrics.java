package io.physcast.flink.forecast;

import io.physcast.flink.ingest.GraphKey;
import io.physcast.flink.snapshot.GraphSnapshot;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Online scores as Flink metrics under {@code physcast.region.<r>.variable.<v>}: MAE per horizon
 * ({@code horizon.<h>}) of the model and of persistence (cumulative since the operator started),
 * forecasts out, snapshots, step latency and head adaptations (accepted, rejected, loss before and
 * after the last).
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
    }

    ForecasterMetrics(MetricGroup root, int horizon) {
        this.root = root;
        this.horizon = horizon;
    }

    void record(String key, ForecastEngine.Outcome o, GraphSnapshot s, double millis) {
        PerKey k = keys.computeIfAbsent(key, this::register);
        synchronized (k.scores) {
            k.scores.addAll(o.scores());
        }
        k.forecasts.inc(o.forecasts().size());
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
        k.scores = new HorizonScores(horizon);
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
            byHorizon.gauge("mae", (Gauge<Double>) () -> mae(k, hh, false));
            byHorizon.gauge("persistenceMae", (Gauge<Double>) () -> mae(k, hh, true));
        }
        return k;
    }

    private static double mae(PerKey k, int h, boolean persistence) {
        synchronized (k.scores) {
            return persistence ? k.scores.persistenceMae(h) : k.scores.modelMae(h);
        }
    }
}
