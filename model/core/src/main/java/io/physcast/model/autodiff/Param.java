package io.physcast.model.autodiff;

import io.physcast.model.tensor.Tensor;

/** A trainable matrix with its gradient accumulator. Optimiser state lives in the optimiser. */
public final class Param {
    public final String name;
    public final Tensor value;
    public final Tensor grad;
    private boolean frozen;

    public Param(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.rows, value.cols);
    }

    public void zeroGrad() {
        java.util.Arrays.fill(grad.data, 0f);
    }

    /** A frozen parameter takes no gradient: used to train the head while reusing a module. */
    public boolean frozen() {
        return frozen;
    }

    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }
}
