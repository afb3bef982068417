package io.physcast.model.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Readings aggregated into consecutive tumbling windows (aligned to the epoch, so 1-day windows are
 * UTC days): {@code values[t][node]} is the mean of the node's readings in window t, {@code
 * observed[t][node]} is 1 where it had any. Windows with no readings at all stay in the series as
 * all-missing frames: time must not be squeezed.
 */
public final class FrameSeries {
    private final Instant start;
    private final Duration window;
    private final float[][] values;
    private final float[][] observed;

    public FrameSeries(Instant start, Duration window, float[][] values, float[][] observed) {
        this.start = start;
        this.window = window;
        this.values = values;
        this.observed = observed;
    }

    public static FrameSeries aggregate(List<Reading> readings, int nodes, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        long w = window.toMillis();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Reading r : readings) {
            long slot = Math.floorDiv(r.time().toEpochMilli(), w);
            first = Math.min(first, slot);
            last = Math.max(last, slot);
        }
        long frames = last - first + 1;
        if (frames > 1_000_000) {
            throw new IllegalArgumentException(
                    "readings span " + frames + " windows of " + window + "; wrong window?");
        }
        int t = (int) frames;
        double[][] sum = new double[t][nodes];
        int[][] count = new int[t][nodes];
        for (Reading r : readings) {
            int slot = (int) (Math.floorDiv(r.time().toEpochMilli(), w) - first);
            sum[slot][r.station()] += r.value();
            count[slot][r.station()]++;
        }
        float[][] values = new float[t][nodes];
        float[][] observed = new float[t][nodes];
        for (int i = 0; i < t; i++) {
            for (int n = 0; n < nodes; n++) {
                if (count[i][n] > 0) {
                    values[i][n] = (float) (sum[i][n] / count[i][n]);
                    observed[i][n] = 1f;
                }
            }
        }
        return new FrameSeries(Instant.ofEpochMilli(first * w), window, values, observed);
    }

    public int length() {
        return values.length;
    }

    public int nodes() {
        return values[0].length;
    }

    public Duration window() {
        return window;
    }

    /** Start of window t. */
    public Instant time(int t) {
        return start.plus(window.multipliedBy(t));
    }

    public float[][] values() {
        return values;
    }

    public float[][] observed() {
        return observed;
    }

    /** Fraction of (frame, node) cells that were observed. */
    public double coverage() {
        double c = 0;
        for (float[] row : observed) {
            for (float o : row) {
                c += o;
            }
        }
        return c / ((double) length() * nodes());
    }
}
