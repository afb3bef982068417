package io.physcast.model.baselines;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StateSpec;
import io.physcast.model.padgn.StepModel;
import java.util.List;

/** Tomorrow equals today: the last (imputed) value. No parameters. */
public final class Persistence implements StepModel {
    private final ParamSet params = new ParamSet(0);

    @Override
    public String name() {
        return "persistence";
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public List<StateSpec> stateSpec() {
        return List.of();
    }

    @Override
    public Var step(Tape t, GraphInputs g, Var f, Var[] state) {
        return f;
    }
}
