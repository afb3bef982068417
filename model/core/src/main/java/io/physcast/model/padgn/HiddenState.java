package io.physcast.model.padgn;

import io.physcast.model.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recurrent state of a {@link StepModel} on one graph as plain values: one row-major float
 * array per state tensor, tagged node- or edge-indexed. Immutable; contains no ND4J types, so the
 * streaming job can keep it in keyed state with its own serializer.
 */
public final class HiddenState {
    private final StateKind[] kinds;
    private final int[] rows;
    private final int[] cols;
    private final float[][] data;

    public HiddenState(StateKind[] kinds, int[] rows, int[] cols, float[][] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i].length != rows[i] * cols[i]) {
                throw new IllegalArgumentException("state tensor " + i + " has the wrong size");
            }
        }
        this.kinds = kinds.clone();
        this.rows = rows.clone();
        this.cols = cols.clone();
        this.data = new float[data.length][];
        for (int i = 0; i < data.length; i++) {
            this.data[i] = data[i].clone();
        }
    }

    /** All-zero state for a model on a graph. */
    public static HiddenState zeros(List<StateSpec> spec, GraphInputs g) {
        int n = spec.size();
        StateKind[] k = new StateKind[n];
        int[] r = new int[n];
        int[] c = new int[n];
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            k[i] = spec.get(i).kind();
            r[i] = spec.get(i).rows(g);
            c[i] = spec.get(i).cols();
            d[i] = new float[r[i] * c[i]];
        }
        return new HiddenState(k, r, c, d);
    }

    static HiddenState fromTensors(StateKind[] kinds, Tensor[] tensors) {
        int n = tensors.length;
        int[] r = new int[n];
        int[] c = new int[n];
        float[][] d = new float[n][];
        for (int i = 0; i < n; i++) {
            r[i] = tensors[i].rows;
            c[i] = tensors[i].cols;
            d[i] = tensors[i].data;
        }
        return new HiddenState(kinds, r, c, d);
    }

    /**
     * Tensor i over this state's own array, not a copy: for a step's input, which no op writes
     * (every op writes a new output), so the state stays immutable without a 6 MB copy per step at
     * N = 1,000 (64x2).
     */
    Tensor tensorView(int i) {
        return new Tensor(rows[i], cols[i], data[i]);
    }

    public int size() {
        return data.length;
    }

    public StateKind kind(int i) {
        return kinds[i];
    }

    public int rows(int i) {
        return rows[i];
    }

    public int cols(int i) {
        return cols[i];
    }

    /** A copy of tensor i's values (row-major). */
    public float[] values(int i) {
        return data[i].clone();
    }

    /** Total number of floats: what a checkpoint of this state costs. */
    public long floats() {
        long s = 0;
        for (float[] d : data) {
            s += d.length;
        }
        return s;
    }

    /**
     * The state carried over to a new graph: node rows and edge rows are moved to their new indices
     * ({@code -1} in a map means "new: starts from zero").
     */
    public HiddenState remap(int[] nodeFromOld, int[] edgeFromOld) {
        List<float[]> out = new ArrayList<>();
        int[] r = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            int[] map = kinds[i] == StateKind.NODE ? nodeFromOld : edgeFromOld;
            float[] d = new float[map.length * cols[i]];
            for (int j = 0; j < map.length; j++) {
                if (map[j] >= 0) {
                    System.arraycopy(data[i], map[j] * cols[i], d, j * cols[i], cols[i]);
                }
            }
            r[i] = map.length;
            out.add(d);
        }
        return new HiddenState(kinds, r, cols, out.toArray(new float[0][]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HiddenState h
                && Arrays.equals(kinds, h.kinds)
                && Arrays.equals(rows, h.rows)
                && Arrays.equals(cols, h.cols)
                && Arrays.deepEquals(data, h.data);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(data);
    }
}
