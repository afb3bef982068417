package io.physcast.model.eval;

import io.physcast.model.trust.Trust;
import io.physcast.model.trust.TrustSettings;
import io.physcast.model.trust.TrustState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming job's skill guard and intervals ({@link Trust}) run offline over scored forecast
 * streams, in the job's order: at each frame, first the forecasts that targeted it are scored and
 * learnt from, then the next forecasts are issued with what was learnt so far. Streams run one
 * after another on the same state, so a validation stream warms it up before the test stream is
 * scored. Scores are those of the emitted forecasts and of the first interval level.
 */
public final class GuardedStream {
    /**
     * Per horizon (index h - 1): the emitted forecasts' errors, and over the forecasts that carried
     * an interval its coverage, mean width and mean interval (Winkler) score.
     */
    public record Scores(
            HorizonErrors errors, double[] coverage, double[] width, double[] winkler) {}

    private final Trust trust;
    private final TrustState state;
    private final int horizon;
    private final int experts;

    public GuardedStream(TrustSettings settings, int horizon, int experts, int nodes) {
        this.trust = new Trust(settings);
        this.state = TrustState.start(settings, horizon, experts, nodes);
        this.horizon = horizon;
        this.experts = experts;
    }

    /**
     * @param forecasts per expert (the first is "the model") {@link ForecastScorer.Scores}'s
     *     forecasts, all over the same windows
     * @param truth the observed values of the same frames
     */
    public Scores run(List<double[][][]> forecasts, double[][] truth) {
        if (forecasts.size() != experts) {
            throw new IllegalArgumentException("expected " + experts + " forecast streams");
        }
        int frames = truth.length;
        int nodes = truth[0].length;
        double alpha = 1 - trust.settings().level(0);
        HorizonErrors errors = new HorizonErrors(horizon);
        long[] count = new long[horizon];
        double[] covered = new double[horizon];
        double[] width = new double[horizon];
        double[] winkler = new double[horizon];
        Map<Integer, Trust.Issued> issued = new HashMap<>();
        float[] values = new float[experts];
        for (int t = 0; t < frames; t++) {
            Trust.Window window = trust.window(horizon, experts, nodes);
            for (int h = 1; h <= horizon; h++) {
                Trust.Issued at = issued.get(t - h);
                for (int i = 0; at != null && i < nodes; i++) {
                    double y = truth[t][i];
                    if (Double.isNaN(y)) {
                        continue;
                    }
                    for (int e = 0; e < experts; e++) {
                        values[e] = (float) forecasts.get(e)[h - 1][t][i];
                    }
                    double central = at.central()[h - 1][i];
                    window.add(
                            h - 1,
                            i,
                            values,
                            at.weights()[h - 1],
                            at.scale()[h - 1][i],
                            at.quantiles()[h - 1],
                            y);
                    errors.add(h, central, y);
                    double lo = at.bound(0, h - 1, i);
                    double hi = at.bound(1, h - 1, i);
                    if (!Double.isNaN(lo)) {
                        count[h - 1]++;
                        covered[h - 1] += y >= lo && y <= hi ? 1 : 0;
                        width[h - 1] += hi - lo;
                        winkler[h - 1] +=
                                hi
                                        - lo
                                        + (y < lo ? 2 / alpha * (lo - y) : 0)
                                        + (y > hi ? 2 / alpha * (y - hi) : 0);
                    }
                }
            }
            trust.update(state, window);
            issued.remove(t - horizon);
            if (t + 1 < frames && !Double.isNaN(forecasts.get(0)[0][t + 1][0])) {
                float[][][] next = new float[experts][horizon][nodes];
                for (int e = 0; e < experts; e++) {
                    for (int h = 1; h <= horizon; h++) {
                        for (int i = 0; i < nodes; i++) {
                            next[e][h - 1][i] =
                                    t + h < frames
                                            ? (float) forecasts.get(e)[h - 1][t + h][i]
                                            : Float.NaN;
                        }
                    }
                }
                issued.put(t, trust.issue(state, next));
            }
        }
        for (int h = 0; h < horizon; h++) {
            covered[h] /= count[h];
            width[h] /= count[h];
            winkler[h] /= count[h];
        }
        return new Scores(errors, covered, width, winkler);
    }
}
