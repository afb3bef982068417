package io.physcast.model.padgn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.ParamSet;
import java.util.List;

/**
 * A forecaster that advances one frame at a time on a graph: all models (PA-DGN, its RGN variants
 * and the baselines) implement it, so training, evaluation and the streaming operator treat them
 * alike.
 *
 * <p>Contract: {@code step} reads node values {@code f} (N x 1, normalised, already imputed) and
 * the recurrent state (tensors shaped by {@link #stateSpec}), replaces {@code state[i]} with the
 * new state and returns the prediction of the next frame (N x 1). It is a pure function of its
 * inputs and the parameters.
 */
public interface StepModel {
    String name();

    ParamSet params();

    List<StateSpec> stateSpec();

    Var step(Tape t, GraphInputs g, Var f, Var[] state);
}
