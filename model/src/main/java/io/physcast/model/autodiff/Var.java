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
