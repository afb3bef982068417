package io.physcast.model.baselines;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Mlp;

/** MLP with 2 hidden layers on the last two frames, shared across nodes. */
public final class NodeMlp extends TwoLagModel {
    private final Mlp mlp;

    public NodeMlp(int hidden, long seed) {
        super("MLP", seed);
        mlp = new Mlp(params, "mlp", 2, hidden, hidden, 1);
    }

    @Override
    protected Var delta(Tape t, Var lags, Var[] state) {
        return mlp.apply(t, lags);
    }
}
