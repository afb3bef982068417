package io.physcast.model.baselines;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StateKind;
import io.physcast.model.padgn.StateSpec;
import io.physcast.model.padgn.StepModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Node-wise baselines of the paper (appendix A.2): input the concatenated last two frames, weights
 * shared by all nodes, no spatial information. Subclasses map {@code [f(t), f(t-1)]} plus their own
 * extra state to the temporal difference. State slot 0 holds the previous frame.
 */
abstract class TwoLagModel implements StepModel {
    protected final ParamSet params;
    private final String name;

    TwoLagModel(String name, long seed) {
        this.name = name;
        this.params = new ParamSet(seed);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ParamSet params() {
        return params;
    }

    @Override
    public final List<StateSpec> stateSpec() {
        List<StateSpec> s = new ArrayList<>();
        s.add(new StateSpec(StateKind.NODE, 1));
        s.addAll(extraState());
        return s;
    }

    protected List<StateSpec> extraState() {
        return List.of();
    }

    @Override
    public final Var step(Tape t, GraphInputs g, Var f, Var[] state) {
        Var lags = t.concatCols(f, state[0]);
        state[0] = f;
        return t.add(f, delta(t, lags, state));
    }

    /**
     * @param lags N x 2
     */
    protected abstract Var delta(Tape t, Var lags, Var[] state);
}
