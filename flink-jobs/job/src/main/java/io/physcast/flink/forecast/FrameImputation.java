package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;

/**
 * The model's input frame for a window: observed stations normalised, unobserved ones filled with
 * the model's own previous one-step forecast (0, the mean, before there is one). Also records each
 * observed station's raw value, persistence's forecast.
 */
final class FrameImputation {
    private FrameImputation() {}

    /** A normalised frame and its mask (1 where observed). */
    record Frame(float[] values, float[] observed) {}

    static Frame of(ForecastState st, GraphSnapshot s) {
        int n = s.nodes();
        float[] frame = new float[n];
        float[] observed = new float[n];
        for (int i = 0; i < n; i++) {
            if (s.observed[i]) {
                frame[i] = (float) ((s.values[i] - st.normMean[i]) / st.normStd[i]);
                observed[i] = 1f;
                st.lastObserved[i] = (float) s.values[i];
            } else if (st.lastPrediction != null && !Float.isNaN(st.lastPrediction[i])) {
                frame[i] = st.lastPrediction[i];
            }
        }
        st.lastWindowEnd = s.windowEnd;
        return new Frame(frame, observed);
    }

    /** A late update of a stored frame: the next re-adaptation sees the corrected values. */
    static void correct(ForecastState st, GraphSnapshot s) {
        if (st.isEmpty()) {
            return;
        }
        for (int f = 0; f < st.frameTimes.length; f++) {
            if (st.frameTimes[f] == s.windowEnd) {
                for (int i = 0; i < s.nodes() && i < st.stations.length; i++) {
                    if (s.observed[i] && s.stations[i].equals(st.stations[i])) {
                        st.frameValues[f][i] =
                                (float) ((s.values[i] - st.normMean[i]) / st.normStd[i]);
                        st.frameObserved[f][i] = 1f;
                    }
                }
            }
        }
    }
}
