package io.physcast.model.cuda;

/**
 * Positions {@code 0..key.length-1} grouped by their key, each group in increasing position: group
 * {@code g} is {@code order[start[g] .. start[g+1])}. A scatter-add ({@code out[key[e]] += x[e]})
 * becomes a gather per target that sums in the CPU's order, with no atomics, so the device result
 * does not depend on thread timing.
 */
public record Segments(int[] start, int[] order) {
    public static Segments of(int[] key, int groups) {
        int[] start = new int[groups + 1];
        for (int k : key) {
            if (k < 0 || k >= groups) {
                throw new IllegalArgumentException("key " + k + " outside [0, " + groups + ")");
            }
            start[k + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] next = start.clone();
        int[] order = new int[key.length];
        for (int e = 0; e < key.length; e++) {
            order[next[key[e]]++] = e;
        }
        return new Segments(start, order);
    }

    /** {@code values} in this grouping's order. */
    public int[] permute(int[] values) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    public double[] permute(double[] values) {
        double[] out = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }
}
