package io.physcast.flink.forecast;

import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.GraphStepper;
import java.util.Arrays;
import java.util.List;

/**
 * Normalisation for a model file made for any network ({@code calibratesOnline}): a key starts with
 * the identity, so its frame ring holds raw values, and forecasts persistence; once it holds {@code
 * windows} frames the per-station statistics are fitted on them (as offline training fits its
 * split), the ring is normalised in place and replayed through the model to warm the hidden state.
 * Stations that join later get the key's pooled statistics. All of it lives in the state, so a
 * restore repeats it exactly.
 */
final class OnlineCalibration {
    private OnlineCalibration() {}

    /** The identity: a calibrating key's values stay in data units. */
    static Normalisation identity(int n) {
        float[] mean = new float[n];
        float[] std = new float[n];
        Arrays.fill(std, 1f);
        return new Normalisation(mean, std);
    }

    /** Whether the ring holds enough frames with at least two observed values. */
    static boolean ready(ForecastState st, int windows) {
        if (st.frameTimes.length < windows) {
            return false;
        }
        int seen = 0;
        for (float[] o : st.frameObserved) {
            for (float x : o) {
                seen += x != 0f ? 1 : 0;
            }
        }
        return seen >= 2;
    }

    /**
     * Fits the statistics on the ring, normalises it in place, and replays it through the stepper
     * from a zero state (gaps filled with the previous one-step forecast).
     */
    static void calibrate(ForecastState st, GraphStepper stepper) {
        Normalisation norm =
                Normalisation.fit(st.frameValues, st.frameObserved, 0, st.frameTimes.length);
        st.normMean = norm.mean().clone();
        st.normStd = norm.std().clone();
        for (int f = 0; f < st.frameTimes.length; f++) {
            for (int i = 0; i < st.frameValues[f].length; i++) {
                if (st.frameObserved[f][i] != 0f) {
                    st.frameValues[f][i] = norm.normalise(i, st.frameValues[f][i]);
                }
            }
        }
        FrameRing.replay(st, stepper);
        st.calibrated = true;
    }

    /**
     * Statistics for the snapshot's stations on a calibrated key: a known station keeps its own, a
     * new one gets the mean of the key's means and standard deviations.
     */
    static Normalisation carriedOver(ForecastState st, List<String> stations) {
        float pooledMean = 0;
        float pooledStd = 0;
        for (int i = 0; i < st.normMean.length; i++) {
            pooledMean += st.normMean[i] / st.normMean.length;
            pooledStd += st.normStd[i] / st.normStd.length;
        }
        List<String> old = Arrays.asList(st.stations);
        float[] mean = new float[stations.size()];
        float[] std = new float[stations.size()];
        for (int i = 0; i < mean.length; i++) {
            int j = old.indexOf(stations.get(i));
            mean[i] = j >= 0 ? st.normMean[j] : pooledMean;
            std[i] = j >= 0 ? st.normStd[j] : pooledStd;
        }
        return new Normalisation(mean, std);
    }

    /** Persistence forecasts in data units; a never-observed station gets the others' mean. */
    static float[][] persistence(float[] lastObserved, int horizon) {
        double sum = 0;
        int count = 0;
        for (float v : lastObserved) {
            if (!Float.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        float fill = count == 0 ? 0f : (float) (sum / count);
        float[] row = lastObserved.clone();
        for (int i = 0; i < row.length; i++) {
            if (Float.isNaN(row[i])) {
                row[i] = fill;
            }
        }
        float[][] out = new float[horizon][];
        Arrays.fill(out, row);
        return out;
    }
}
