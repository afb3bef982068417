package io.physcast.model.tensor;

import java.util.Arrays;

/**
 * A dense row-major float matrix ({@code rows x cols}). Every tensor in the network is 2-D: nodes
 * or edges by features. Kept as a plain {@code float[]} so that the maths runs without per-op
 * native overhead and state can be copied out without an ND4J dependency.
 */
public final class Tensor {
    public final int rows;
    public final int cols;
    public final float[] data;

    public Tensor(int rows, int cols, float[] data) {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException(
                    "data length " + data.length + " != " + rows + " x " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static Tensor zeros(int rows, int cols) {
        return new Tensor(rows, cols, new float[rows * cols]);
    }

    /** A column vector {@code n x 1}. */
    public static Tensor column(float[] values) {
        return new Tensor(values.length, 1, values);
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, float v) {
        data[r * cols + c] = v;
    }

    public Tensor copy() {
        return new Tensor(rows, cols, data.clone());
    }

    public int size() {
        return data.length;
    }

    public boolean sameShape(Tensor o) {
        return rows == o.rows && cols == o.cols;
    }

    @Override
    public String toString() {
        return "Tensor["
                + rows
                + "x"
                + cols
                + "]"
                + (data.length <= 16 ? Arrays.toString(data) : "");
    }
}
