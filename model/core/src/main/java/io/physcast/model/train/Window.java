package io.physcast.model.train;

/**
 * A sequence of frames on one graph: {@code values[t][node]} (normalised) and {@code
 * observed[t][node]} (1 where a value was measured, 0 for a gap, whose value is ignored).
 */
public record Window(float[][] values, float[][] observed) {
    public int length() {
        return values.length;
    }

    public int nodes() {
        return values[0].length;
    }

    /** A window where everything is observed. */
    public static Window complete(float[][] values) {
        float[][] obs = new float[values.length][values[0].length];
        for (float[] row : obs) {
            java.util.Arrays.fill(row, 1f);
        }
        return new Window(values, obs);
    }
}
