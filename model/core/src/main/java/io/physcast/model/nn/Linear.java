package io.physcast.model.nn;

import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;

/** {@code y = x W + b}. */
public final class Linear {
    final Param w;
    final Param b;

    public Linear(ParamSet ps, String name, int in, int out) {
        this.w = ps.weight(name + ".w", in, out);
        this.b = ps.bias(name + ".b", out);
    }

    /**
     * Zero weights: a residual head {@code f + xW + b} then starts as persistence, so an
     * autoregressive rollout cannot explode before training has begun.
     */
    public Linear zeroWeights() {
        java.util.Arrays.fill(w.value.data, 0f);
        return this;
    }

    public Var apply(Tape t, Var x) {
        return t.linear(x, w, b);
    }

    /**
     * {@code x W[from..to) } without bias: the part of the product that reads input columns
     * from..to-1.
     */
    public Var applyToColumns(Tape t, Var x, int from, int to) {
        return t.matmul(x, t.sliceRows(t.param(w), from, to));
    }

    /** {@code sum + b}, to finish a product computed part by part. */
    public Var addBias(Tape t, Var sum) {
        return t.addBias(sum, t.param(b));
    }

    public int in() {
        return w.value.rows;
    }
}
