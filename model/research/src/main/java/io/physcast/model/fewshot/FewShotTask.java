package io.physcast.model.fewshot;

/**
 * One meta-test task: the frames of one calendar month (data units; {@code observed} 1 where a
 * value exists). The first T frames are the shots to train on, the rest are generated.
 */
public record FewShotTask(String month, float[][] values, float[][] observed) {
    public int length() {
        return values.length;
    }

    /** Fraction of the first {@code t} frames' values that were observed. */
    public double coverage(int t) {
        double seen = 0;
        for (int i = 0; i < t; i++) {
            for (float o : observed[i]) {
                seen += o;
            }
        }
        return seen / ((double) t * observed[0].length);
    }

    /** Observed values in frames [from, length). */
    public int observedFrom(int from) {
        int n = 0;
        for (int i = from; i < values.length; i++) {
            for (float o : observed[i]) {
                n += o != 0f ? 1 : 0;
            }
        }
        return n;
    }
}
