package io.physcast.model.baselines;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Linear;

/** VAR with 2 lags and weights shared across nodes: {@code f(t+1) = w1 f(t) + w2 f(t-1) + b}. */
public final class VectorAutoregression extends TwoLagModel {
    private final Linear linear;

    public VectorAutoregression(long seed) {
        super("VAR", seed);
        linear = new Linear(params, "var", 2, 1).zeroWeights();
    }

    @Override
    protected Var delta(Tape t, Var lags, Var[] state) {
        return linear.apply(t, lags);
    }
}
