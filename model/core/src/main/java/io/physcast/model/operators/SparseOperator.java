package io.physcast.model.operators;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear map from node values to node (or edge) values as a list of weighted entries: {@code
 * out[row[k]] += weight[k] * in[col[k]]}. Fixed difference operators are linear in f, so they are
 * built once per graph and applied per frame.
 */
public final class SparseOperator {
    private final int outSize;
    private final int[] row;
    private final int[] col;
    private final double[] weight;

    private SparseOperator(int outSize, int[] row, int[] col, double[] weight) {
        this.outSize = outSize;
        this.row = row;
        this.col = col;
        this.weight = weight;
    }

    public double[] apply(double[] in) {
        double[] out = new double[outSize];
        for (int k = 0; k < row.length; k++) {
            out[row[k]] += weight[k] * in[col[k]];
        }
        return out;
    }

    public float[] apply(float[] in) {
        float[] out = new float[outSize];
        for (int k = 0; k < row.length; k++) {
            out[row[k]] += (float) (weight[k] * in[col[k]]);
        }
        return out;
    }

    public int outSize() {
        return outSize;
    }

    /** {@code grad[col[k]] += weight[k] * g[row[k]]}: the transpose, for backprop. */
    public void applyTransposeAdd(float[] g, float[] grad) {
        for (int k = 0; k < row.length; k++) {
            grad[col[k]] += (float) (weight[k] * g[row[k]]);
        }
    }

    /**
     * The entries as (output index, input index, weight) arrays, in entry order: for a backend that
     * applies the operator elsewhere (the GPU's, which groups them by row).
     */
    public record Entries(int outSize, int[] row, int[] col, double[] weight) {}

    public Entries entries() {
        return new Entries(outSize, row.clone(), col.clone(), weight.clone());
    }

    /** The operator multiplied by a constant. */
    public SparseOperator scaled(double k) {
        double[] w = weight.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= k;
        }
        return new SparseOperator(outSize, row, col, w);
    }

    /** The same operator on {@code copies} disjoint copies of its graph (a batch). */
    public SparseOperator replicate(int copies, int inSize) {
        int m = row.length;
        int[] r = new int[m * copies];
        int[] c = new int[m * copies];
        double[] w = new double[m * copies];
        for (int k = 0; k < copies; k++) {
            for (int e = 0; e < m; e++) {
                r[k * m + e] = row[e] + k * outSize;
                c[k * m + e] = col[e] + k * inSize;
                w[k * m + e] = weight[e];
            }
        }
        return new SparseOperator(outSize * copies, r, c, w);
    }

    /** Accumulates entries; duplicates add up. */
    public static final class Builder {
        private final int outSize;
        private final List<int[]> idx = new ArrayList<>();
        private final List<Double> w = new ArrayList<>();

        public Builder(int outSize) {
            this.outSize = outSize;
        }

        public Builder add(int r, int c, double weight) {
            idx.add(new int[] {r, c});
            w.add(weight);
            return this;
        }

        public SparseOperator build() {
            int n = idx.size();
            int[] r = new int[n];
            int[] c = new int[n];
            double[] ww = new double[n];
            for (int k = 0; k < n; k++) {
                r[k] = idx.get(k)[0];
                c[k] = idx.get(k)[1];
                ww[k] = w.get(k);
            }
            return new SparseOperator(outSize, r, c, ww);
        }
    }
}
