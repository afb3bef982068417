package io.physcast.flink.forecast;

import io.physcast.model.padgn.GraphStepper;
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

    /**
     * Replays the (normalised) ring through the stepper from a zero state, a gap filled with the
     * previous one-step forecast, and makes the result the key's hidden state and last prediction.
     * The ring is not changed: its gaps are never read (training imputes them the same way).
     */
    static void replay(ForecastState st, GraphStepper stepper) {
        var state = stepper.initialState();
        float[] previous = null;
        for (int f = 0; f < st.frameTimes.length; f++) {
            GraphStepper.StepResult r =
                    stepper.step(
                            state,
                            GraphStepper.filled(st.frameValues[f], st.frameObserved[f], previous));
            state = r.state();
            previous = r.prediction();
        }
        st.setHidden(state);
        st.lastPrediction = previous == null ? null : previous.clone();
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
