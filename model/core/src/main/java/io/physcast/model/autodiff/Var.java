package io.physcast.model.autodiff;

import io.physcast.model.tensor.Tensor;

/** A value on a {@link Tape}, with the gradient of the loss accumulated during backward. */
public final class Var {
    public final Tensor value;
    final boolean needsGrad;
    Tensor grad;

    Var(Tensor value, boolean needsGrad) {
        this.value = value;
        this.needsGrad = needsGrad;
    }

    /** Gradient buffer, allocated on first use. */
    float[] gradData() {
        if (grad == null) {
            grad = Tensor.zeros(value.rows, value.cols);
        }
        return grad.data;
    }

    /**
     * Adds {@code g} to the gradient. The first contribution is copied: a zeroed buffer plus a
     * read-add-write pass cost more than a copy, and allocating those zeroed buffers was a quarter
     * of PA-DGN's training samples (JFR).
     */
    void accumulate(float[] g) {
        if (grad == null) {
            grad = new Tensor(value.rows, value.cols, g.clone());
        } else {
            addTo(grad.data, g);
        }
    }

    /**
     * As {@link #accumulate}, for the gradient buffer of an op's output whose backward step is
     * running: nothing reads it afterwards (the backward pass visits each output once, after all
     * its consumers), so a fresh gradient adopts it instead of copying.
     */
    void accumulateSpent(float[] g) {
        if (grad == null) {
            grad = new Tensor(value.rows, value.cols, g);
        } else {
            addTo(grad.data, g);
        }
    }

    /** Whether no gradient has arrived yet. */
    boolean gradIsFresh() {
        return grad == null;
    }

    private static void addTo(float[] d, float[] g) {
        for (int i = 0; i < g.length; i++) {
            d[i] += g[i];
        }
    }

    public int rows() {
        return value.rows;
    }

    public int cols() {
        return value.cols;
    }

    public Tensor grad() {
        return grad;
    }
}
