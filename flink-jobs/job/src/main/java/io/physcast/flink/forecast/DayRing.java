package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import java.util.Arrays;

/**
 * The observed values of a key's last day of windows (for windows shorter than a day), for the
 * simple forecast "as it was a day earlier": for a target {@code h} windows ahead, the value one
 * day before it, or a whole number of days before when {@code h} reaches past a day.
 */
final class DayRing {
    private static final long DAY = 86_400_000L;

    private DayRing() {}

    /** Windows per day when a window is a whole fraction of a day, shorter than it; else 0. */
    static int windowsPerDay(long windowMillis) {
        return windowMillis < DAY && DAY % windowMillis == 0 ? (int) (DAY / windowMillis) : 0;
    }

    /**
     * Adds the window's observed values and drops the windows a day or more before it; keeps
     * nothing for windows of a day or longer.
     */
    static void push(ForecastState st, GraphSnapshot s) {
        if (windowsPerDay(s.windowMillis) == 0) {
            st.dayTimes = null;
            st.dayValues = null;
            return;
        }
        float[] row = new float[s.nodes()];
        for (int i = 0; i < row.length; i++) {
            row[i] = s.observed[i] ? (float) s.values[i] : Float.NaN;
        }
        long[] times = st.dayTimes == null ? new long[0] : st.dayTimes;
        float[][] values = st.dayValues == null ? new float[0][] : st.dayValues;
        int from = 0;
        while (from < times.length && times[from] <= s.windowEnd - DAY) {
            from++;
        }
        int keep = times.length - from;
        st.dayTimes = Arrays.copyOf(Arrays.copyOfRange(times, from, times.length), keep + 1);
        st.dayValues = Arrays.copyOf(Arrays.copyOfRange(values, from, values.length), keep + 1);
        st.dayTimes[keep] = s.windowEnd;
        st.dayValues[keep] = row;
    }

    /**
     * The day-earlier forecast for each target [h][node]; where that window was not observed, the
     * fallback (persistence).
     */
    static float[][] forecast(ForecastState st, GraphSnapshot s, long[] targets, float[] fallback) {
        float[][] out = new float[targets.length][];
        for (int h = 0; h < targets.length; h++) {
            long ahead = targets[h] - s.windowEnd;
            long source = targets[h] - ((ahead + DAY - 1) / DAY) * DAY;
            float[] row = null;
            for (int k = 0; k < st.dayTimes.length; k++) {
                if (st.dayTimes[k] == source) {
                    row = st.dayValues[k];
                }
            }
            out[h] = fallback.clone();
            for (int i = 0; row != null && i < Math.min(row.length, fallback.length); i++) {
                if (!Float.isNaN(row[i])) {
                    out[h][i] = row[i];
                }
            }
        }
        return out;
    }
}
