package io.physcast.model.padgn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.tensor.Tensor;

/**
 * Runs a trained {@link StepModel} one frame at a time on one graph, with the state handed in and
 * out as a plain value: {@code step(state, frame) -> (state', prediction)}. This is the API the
 * streaming operator calls; it is stateless itself (safe to share) and deterministic.
 *
 * <p>Frames are normalised values with every node filled in (impute before calling, see {@link
 * io.physcast.model.train.SequenceUnroller#impute}).
 */
public final class GraphStepper {
    private final StepModel model;
    private final GraphInputs graph;
    private final StateKind[] kinds;

    public GraphStepper(StepModel model, GraphInputs graph) {
        this.model = model;
        this.graph = graph;
        this.kinds = model.stateSpec().stream().map(StateSpec::kind).toArray(StateKind[]::new);
    }

    public record StepResult(HiddenState state, float[] prediction) {}

    /**
     * The frame to feed: observed values, a gap filled with the previous one-step forecast (0, the
     * normalised mean, before there is one), the rule {@link
     * io.physcast.model.train.SequenceUnroller#impute} applies in training. The frame is not
     * changed.
     */
    public static float[] filled(float[] frame, float[] observed, float[] previous) {
        float[] f = frame.clone();
        for (int i = 0; i < f.length; i++) {
            if (observed[i] == 0f) {
                f[i] = previous == null ? 0f : previous[i];
            }
        }
        return f;
    }

    public HiddenState initialState() {
        return HiddenState.zeros(model.stateSpec(), graph);
    }

    public GraphInputs graph() {
        return graph;
    }

    public StepResult step(HiddenState state, float[] frame) {
        if (frame.length != graph.nodes) {
            throw new IllegalArgumentException(
                    "frame has " + frame.length + " values for " + graph.nodes + " nodes");
        }
        Tape t = Tape.recyclingInference();
        Var[] s = new Var[state.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.constant(state.tensorView(i));
        }
        Var pred = model.step(t, graph, t.constant(Tensor.column(frame.clone())), s);
        Tensor[] out = new Tensor[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].value;
        }
        StepResult result =
                new StepResult(HiddenState.fromTensors(kinds, out), pred.value.data.clone());
        t.recycle(); // the result holds copies
        return result;
    }

    /**
     * Advances with {@code frame} and then feeds predictions back for {@code horizon - 1} more
     * steps on a copy of the state.
     *
     * @return the advanced state and the forecasts {@code [horizon][nodes]} for t+1..t+horizon
     */
    public Rollout advanceAndForecast(HiddenState state, float[] frame, int horizon) {
        StepResult first = step(state, frame);
        float[][] forecasts = new float[horizon][];
        forecasts[0] = first.prediction();
        HiddenState s = first.state();
        for (int h = 1; h < horizon; h++) {
            StepResult r = step(s, forecasts[h - 1]);
            forecasts[h] = r.prediction();
            s = r.state();
        }
        return new Rollout(first.state(), forecasts);
    }

    public record Rollout(HiddenState state, float[][] forecasts) {}
}
