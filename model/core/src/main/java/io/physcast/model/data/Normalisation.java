package io.physcast.model.data;

import java.util.Arrays;

/**
 * Per-station standardisation {@code z = (v - mean) / std}, fitted on the observed values of the
 * training frames only (so no test information leaks in). A station without at least two distinct
 * training values gets the network-wide statistics, so it still has a sensible scale.
 */
public record Normalisation(float[] mean, float[] std) {
    public Normalisation {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0) || !Float.isFinite(mean[i]) || !Float.isFinite(std[i])) {
                throw new IllegalArgumentException("bad normalisation for node " + i);
            }
        }
    }

    /** Fits on frames {@code [from, to)}. */
    public static Normalisation fit(float[][] values, float[][] observed, int from, int to) {
        int n = values[0].length;
        double[] sum = new double[n];
        double[] sq = new double[n];
        int[] count = new int[n];
        double all = 0;
        double allSq = 0;
        long allCount = 0;
        for (int t = from; t < to; t++) {
            for (int i = 0; i < n; i++) {
                if (observed[t][i] != 0f) {
                    double v = values[t][i];
                    sum[i] += v;
                    sq[i] += v * v;
                    count[i]++;
                    all += v;
                    allSq += v * v;
                    allCount++;
                }
            }
        }
        if (allCount < 2) {
            throw new IllegalArgumentException("fewer than 2 observed training values");
        }
        float globalMean = (float) (all / allCount);
        float globalStd = std(all, allSq, allCount);
        float[] mean = new float[n];
        float[] std = new float[n];
        for (int i = 0; i < n; i++) {
            float s = count[i] >= 2 ? std(sum[i], sq[i], count[i]) : 0f;
            boolean usable = s > 1e-6f * Math.max(1f, Math.abs(globalStd));
            mean[i] = usable ? (float) (sum[i] / count[i]) : globalMean;
            std[i] = usable ? s : globalStd;
        }
        return new Normalisation(mean, std);
    }

    private static float std(double sum, double sq, long count) {
        double m = sum / count;
        double var = Math.max(0, sq / count - m * m);
        return (float) Math.max(Math.sqrt(var), 1e-6);
    }

    public int nodes() {
        return mean.length;
    }

    public float normalise(int node, double value) {
        return (float) ((value - mean[node]) / std[node]);
    }

    public double denormalise(int node, float z) {
        return z * (double) std[node] + mean[node];
    }

    /** A normalised copy of the frames (gaps stay 0, the normalised mean). */
    public float[][] normalise(float[][] values, float[][] observed) {
        float[][] out = new float[values.length][];
        for (int t = 0; t < values.length; t++) {
            out[t] = new float[values[t].length];
            for (int i = 0; i < out[t].length; i++) {
                out[t][i] = observed[t][i] != 0f ? normalise(i, values[t][i]) : 0f;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalisation other
                && Arrays.equals(mean, other.mean)
                && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }
}
