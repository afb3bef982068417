package io.physcast.flink.forecast;

import java.util.Arrays;

/** The last W frames of a key, oldest first, kept in {@link ForecastState} for re-adaptation. */
final class FrameRing {
    private FrameRing() {}

    static void push(ForecastState st, long time, float[] values, float[] observed, int capacity) {
        int m = st.frameTimes.length;
        int drop = Math.max(0, m + 1 - capacity);
        st.frameTimes = append(Arrays.copyOfRange(st.frameTimes, drop, m), time);
        st.frameValues = append(Arrays.copyOfRange(st.frameValues, drop, m), values.clone());
        st.frameObserved = append(Arrays.copyOfRange(st.frameObserved, drop, m), observed.clone());
    }

    private static long[] append(long[] a, long v) {
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    private static float[][] append(float[][] a, float[] v) {
        float[][] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }
}
