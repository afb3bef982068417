package io.physcast.model.baselines;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Linear;
import io.physcast.model.nn.StackedGru;
import io.physcast.model.padgn.StateKind;
import io.physcast.model.padgn.StateSpec;
import java.util.ArrayList;
import java.util.List;

/** Per-node GRU (2 layers) on the last two frames, shared across nodes, no spatial input. */
public final class NodeGru extends TwoLagModel {
    private final StackedGru gru;
    private final Linear out;

    public NodeGru(int hidden, int layers, long seed) {
        super("GRU", seed);
        gru = new StackedGru(params, "gru", 2, hidden, layers);
        out = new Linear(params, "gru.out", hidden, 1);
    }

    @Override
    protected List<StateSpec> extraState() {
        List<StateSpec> s = new ArrayList<>();
        for (int l = 0; l < gru.layers(); l++) {
            s.add(new StateSpec(StateKind.NODE, gru.hidden()));
        }
        return s;
    }

    @Override
    protected Var delta(Tape t, Var lags, Var[] state) {
        Var[] h = new Var[gru.layers()];
        System.arraycopy(state, 1, h, 0, h.length);
        Var top = gru.step(t, lags, null, h);
        System.arraycopy(h, 0, state, 1, h.length);
        return out.apply(t, top);
    }
}
