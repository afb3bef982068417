package io.physcast.model.trust;

import java.util.Arrays;

/**
 * Forecasts a user can trust, for one stream of forecasts (a network of stations, horizons 1..H):
 *
 * <ul>
 *   <li>A skill guard. The emitted central value is a weighted mean of the model's forecast and
 *       simple ones (persistence, the value a day earlier), the weights per horizon set by each
 *       one's recent mean absolute error over the network: {@code exp(-sharpness x (MAE / best MAE
 *       - 1))}. A clearly worse forecast fades out; near ties are averaged. Before a horizon has
 *       been scored the model alone is emitted.
 *   <li>Intervals by online conformal calibration. Each station's residuals are scaled by its own
 *       recent mean absolute error, so calm and noisy stations get intervals of their own width;
 *       the lower and upper quantiles of the scaled residuals are tracked per horizon by the
 *       quantile-tracking form of adaptive conformal inference (each window moves a quantile by
 *       {@code step x (tau - fraction of scaled residuals below it) / min(tau, 1 - tau)}). That
 *       form needs no stored residuals, so the state stays a few numbers per station and horizon,
 *       and its long-run coverage holds whatever the residuals' distribution and drift, as long as
 *       the quantile stays bounded; a rolling window of residuals would need memory proportional to
 *       stations x window and assumes the window is exchangeable.
 * </ul>
 *
 * Everything is deterministic given the state and the inputs, so a restored stream repeats it
 * exactly. Expert 0 is the model.
 */
public final class Trust {
    private final TrustSettings s;

    public Trust(TrustSettings s) {
        this.s = s;
    }

    public TrustSettings settings() {
        return s;
    }

    /**
     * What was issued at one window, kept until scored: the emitted central values, the weights
     * that made them, each station's scale, the scaled quantiles, and whether the intervals were
     * emitted (a horizon still warming up computes but does not emit them).
     *
     * @param central [h][node]
     * @param weights [h][expert]
     * @param scale [h][node], NaN where the station has no scale yet
     * @param quantiles [h][2 x level]
     * @param intervals [h]
     */
    public record Issued(
            float[][] central,
            float[][] weights,
            float[][] scale,
            float[][] quantiles,
            boolean[] intervals) {
        /** Bound q (2j: lower, 2j + 1: upper, of level j) at horizon h (0-based); NaN: none. */
        public double bound(int q, int h, int node) {
            return intervals[h]
                    ? Trust.bound(central[h][node], scale[h][node], quantiles[h][q])
                    : Double.NaN;
        }
    }

    /** An interval bound: the central value plus a scaled quantile times the station's scale. */
    public static double bound(double central, double scale, double quantile) {
        return central + quantile * scale;
    }

    /**
     * Combines the forecasts of one horizon.
     *
     * @param experts [expert][h][node] in data units; NaN where an expert has no forecast
     */
    public Issued issue(TrustState st, float[][][] experts) {
        int horizon = st.loss.length;
        int nodes = experts[0][0].length;
        st.growTo(nodes);
        float[][] central = new float[horizon][nodes];
        float[][] weights = new float[horizon][];
        float[][] scale = new float[horizon][nodes];
        float[][] quantiles = new float[horizon][];
        boolean[] intervals = new boolean[horizon];
        float[] values = new float[experts.length];
        for (int h = 0; h < horizon; h++) {
            weights[h] = weights(st.loss[h]);
            quantiles[h] = toFloat(st.quantiles[h]);
            intervals[h] = st.scored[h] >= s.warmupWindows();
            float fill = meanOfFinite(st.scale[h]);
            for (int i = 0; i < nodes; i++) {
                for (int e = 0; e < experts.length; e++) {
                    values[e] = experts[e][h][i];
                }
                central[h][i] = (float) combine(weights[h], values);
                float own = st.scale[h][i];
                scale[h][i] = Float.isNaN(own) ? fill : own;
            }
        }
        return new Issued(central, weights, scale, quantiles, intervals);
    }

    /** The weighted mean of the finite values (NaN if none is). */
    public static double combine(float[] weights, float[] values) {
        double sum = 0;
        double total = 0;
        for (int e = 0; e < values.length; e++) {
            if (!Float.isNaN(values[e]) && weights[e] > 0) {
                sum += weights[e] * values[e];
                total += weights[e];
            }
        }
        if (total > 0) {
            return sum / total;
        }
        for (float v : values) {
            if (!Float.isNaN(v)) {
                return v; // the weighted experts have no value here: the first that has
            }
        }
        return Double.NaN;
    }

    /** The guard's weights for one horizon's recent errors (the model alone before any). */
    float[] weights(double[] loss) {
        double best = Double.POSITIVE_INFINITY;
        for (double l : loss) {
            if (!Double.isNaN(l)) {
                best = Math.min(best, l);
            }
        }
        float[] w = new float[loss.length];
        if (best == Double.POSITIVE_INFINITY) {
            w[0] = 1;
            return w;
        }
        double total = 0;
        double[] raw = new double[loss.length];
        for (int e = 0; e < loss.length; e++) {
            if (!Double.isNaN(loss[e])) {
                double gap = best > 0 ? loss[e] / best - 1 : (loss[e] > 0 ? 1 : 0);
                raw[e] = Math.exp(-s.sharpness() * gap);
                total += raw[e];
            }
        }
        for (int e = 0; e < loss.length; e++) {
            w[e] = (float) (raw[e] / total);
        }
        return w;
    }

    /** A window's scoring: every issued forecast that targeted it, then {@link #update}. */
    public Window window(int horizon, int experts, int nodes) {
        return new Window(horizon, experts, 2 * s.levelCount(), nodes);
    }

    /** Accumulates one window's realised errors. */
    public static final class Window {
        final double[][] abs;
        final int[] count;
        final int[][] below;
        final int[] scaledCount;

        /** [h][node]: the emitted forecast's absolute error (NaN: not scored). */
        final float[][] residual;

        Window(int horizon, int experts, int quantiles, int nodes) {
            abs = new double[horizon][experts];
            count = new int[horizon];
            below = new int[horizon][quantiles];
            scaledCount = new int[horizon];
            residual = new float[horizon][nodes];
            for (float[] r : residual) {
                Arrays.fill(r, Float.NaN);
            }
        }

        /**
         * One scored (horizon, station): each expert's forecast, the issue's weights, scale and
         * quantiles, and the observed value. Returns the emitted central value.
         *
         * @param h 0-based horizon
         */
        public double add(
                int h,
                int node,
                float[] values,
                float[] weights,
                float scale,
                float[] quantiles,
                double y) {
            double central = combine(weights, values);
            for (int e = 0; e < values.length; e++) {
                abs[h][e] += Math.abs((Float.isNaN(values[e]) ? central : values[e]) - y);
            }
            count[h]++;
            double r = y - central;
            if (scale > 0) {
                double z = r / scale;
                for (int q = 0; q < quantiles.length; q++) {
                    below[h][q] += z < quantiles[q] ? 1 : 0;
                }
                scaledCount[h]++;
            }
            residual[h][node] = (float) Math.abs(r);
            return central;
        }
    }

    /** Learns from a window: expert errors, station scales, quantiles. */
    public void update(TrustState st, Window w) {
        for (int h = 0; h < st.loss.length; h++) {
            if (w.count[h] == 0) {
                continue;
            }
            st.scored[h]++;
            double rate = 1.0 / Math.min(st.scored[h], s.window());
            for (int e = 0; e < st.loss[h].length; e++) {
                double mae = w.abs[h][e] / w.count[h];
                double old = st.loss[h][e];
                st.loss[h][e] = Double.isNaN(old) ? mae : old + rate * (mae - old);
            }
            for (int node = 0; node < Math.min(w.residual[h].length, st.scale[h].length); node++) {
                float r = w.residual[h][node];
                float old = st.scale[h][node];
                if (!Float.isNaN(r)) {
                    st.scale[h][node] = Float.isNaN(old) ? r : (float) (old + rate * (r - old));
                }
            }
            if (w.scaledCount[h] > 0) {
                for (int q = 0; q < st.quantiles[h].length; q++) {
                    double fraction = (double) w.below[h][q] / w.scaledCount[h];
                    double tau = s.tau(q);
                    // divided by the rarer side's probability, so that the extreme quantiles of
                    // wide levels move as fast as the median would (same equilibrium)
                    st.quantiles[h][q] +=
                            s.quantileStep() * (tau - fraction) / Math.min(tau, 1 - tau);
                }
            }
        }
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    private static float meanOfFinite(float[] x) {
        double sum = 0;
        int n = 0;
        for (float v : x) {
            if (!Float.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Float.NaN : (float) (sum / n);
    }
}
