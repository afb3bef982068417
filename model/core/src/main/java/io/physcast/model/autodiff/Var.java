package io.physcast.model.autodiff;

import io.physcast.model.cuda.DeviceArray;
import io.physcast.model.tensor.Tensor;

/**
 * A value on a {@link Tape}, with the gradient of the loss accumulated during backward. On a CPU
 * tape the value is {@link #value}; on a GPU tape it lives in device memory and {@link #host()}
 * copies it out.
 */
public final class Var {
    /** The value on a CPU tape; null on a GPU tape (use {@link #host()}). */
    public final Tensor value;

    final boolean needsGrad;
    private final int rows;
    private final int cols;
    Tensor grad;

    /** The tape whose op made this value: its gradient arrays come from there; null otherwise. */
    private final Tape tape;

    /** The value and gradient on a GPU tape. */
    final DeviceArray dv;

    DeviceArray dg;
    private final DeviceOps device;

    Var(Tensor value, boolean needsGrad) {
        this(value, needsGrad, null);
    }

    Var(Tensor value, boolean needsGrad, Tape tape) {
        this.tape = tape;
        this.value = value;
        this.needsGrad = needsGrad;
        this.rows = value.rows;
        this.cols = value.cols;
        this.dv = null;
        this.device = null;
    }

    Var(DeviceOps device, int rows, int cols, DeviceArray dv, boolean needsGrad) {
        this.tape = null;
        this.value = null;
        this.needsGrad = needsGrad;
        this.rows = rows;
        this.cols = cols;
        this.dv = dv;
        this.device = device;
    }

    /** The value on the host: {@link #value} on a CPU tape, a copy from the device on a GPU one. */
    public Tensor host() {
        if (value != null) {
            return value;
        }
        return new Tensor(rows, cols, device.context.download(dv.slice(0, (long) rows * cols)));
    }

    /** Gradient buffer, allocated on first use. */
    float[] gradData() {
        if (grad == null) {
            grad =
                    new Tensor(
                            rows, cols, tape != null ? tape.zeroOutput(size()) : new float[size()]);
        }
        return grad.data;
    }

    /**
     * A first gradient buffer whose contents are undefined, for an op that writes all of it: saves
     * zeroing it and reading the zeros back. Only while {@link #gradIsFresh()}.
     */
    float[] newGrad() {
        grad = new Tensor(rows, cols, undefined(size()));
        return grad.data;
    }

    /** An array for a gradient that is written whole: from the tape's pool where it has one. */
    private float[] undefined(int size) {
        return tape != null ? tape.output(size) : new float[size];
    }

    /** The device gradient buffer, zeros on first use. */
    DeviceArray gradDevice() {
        if (dg == null) {
            dg = device.zeros(size());
        }
        return dg;
    }

    /** Whether a gradient reached this value (device or host). */
    boolean hasGrad() {
        return grad != null || dg != null;
    }

    /**
     * Adds {@code g} to the gradient. The first contribution is copied: a zeroed buffer plus a
     * read-add-write pass cost more than a copy, and allocating those zeroed buffers was a quarter
     * of PA-DGN's training samples (JFR).
     */
    void accumulate(float[] g) {
        if (grad == null) {
            float[] copy = undefined(g.length);
            System.arraycopy(g, 0, copy, 0, g.length);
            grad = new Tensor(rows, cols, copy);
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
            grad = new Tensor(rows, cols, g);
        } else {
            addTo(grad.data, g);
        }
    }

    /** {@link #accumulate} and {@link #accumulateSpent} on the device. */
    void accumulateDevice(DeviceArray g, boolean spent) {
        if (dg == null) {
            if (spent) {
                dg = g;
            } else {
                dg = device.alloc(size());
                device.context.copy(dg, g, size());
            }
        } else {
            device.context.launch("add_scaled", size(), dg, dg, g, 1f, (long) size());
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
        return rows;
    }

    public int cols() {
        return cols;
    }

    int size() {
        return rows * cols;
    }

    /** The gradient on a CPU tape (null before backward reached this value). */
    public Tensor grad() {
        return grad;
    }

    String shape() {
        return rows + "x" + cols;
    }
}
