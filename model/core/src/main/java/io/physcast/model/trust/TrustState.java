package io.physcast.model.trust;

import java.util.Arrays;

/**
 * What {@link Trust} keeps per stream of forecasts (a key of the job), as public arrays so that
 * Flink stores it with its POJO serializer. Its size is fixed by the horizons, forecasts combined,
 * levels and stations, never by the length of the stream.
 */
public class TrustState {
    /** [h][expert]: recent mean absolute error per window (NaN: not scored yet). */
    public double[][] loss;

    /** [h]: windows scored so far. */
    public int[] scored;

    /** [h][2 x level]: lower and upper quantile of the scaled residual (y - central) / scale. */
    public double[][] quantiles;

    /** [h][node]: the station's recent mean absolute error of the emitted forecast (NaN: none). */
    public float[][] scale;

    public TrustState() {}

    /** A fresh state: no errors seen, quantiles at their distribution-free start. */
    public static TrustState start(TrustSettings s, int horizon, int experts, int nodes) {
        TrustState st = new TrustState();
        st.loss = new double[horizon][experts];
        st.scored = new int[horizon];
        st.quantiles = new double[horizon][2 * s.levelCount()];
        st.scale = new float[horizon][nodes];
        for (int h = 0; h < horizon; h++) {
            Arrays.fill(st.loss[h], Double.NaN);
            Arrays.fill(st.scale[h], Float.NaN);
            for (int q = 0; q < st.quantiles[h].length; q++) {
                st.quantiles[h][q] = TrustSettings.startQuantile(s.tau(q));
            }
        }
        return st;
    }

    /** Whether this state was made for these horizons, forecasts and levels. */
    public boolean fits(TrustSettings s, int horizon, int experts) {
        return loss != null
                && loss.length == horizon
                && loss[0].length == experts
                && quantiles[0].length == 2 * s.levelCount();
    }

    /** Stations moved: row i takes old row fromOld[i] (-1: a new station, no scale yet). */
    public void remapNodes(int[] fromOld) {
        for (int h = 0; h < scale.length; h++) {
            float[] old = scale[h];
            float[] out = new float[fromOld.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = fromOld[i] >= 0 && fromOld[i] < old.length ? old[fromOld[i]] : Float.NaN;
            }
            scale[h] = out;
        }
    }

    /** Room for stations added at the end (they start with no scale). */
    public void growTo(int nodes) {
        for (int h = 0; h < scale.length; h++) {
            if (scale[h].length < nodes) {
                int from = scale[h].length;
                scale[h] = Arrays.copyOf(scale[h], nodes);
                Arrays.fill(scale[h], from, nodes, Float.NaN);
            }
        }
    }
}
