package io.physcast.model.padgn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.cuda.ComputeDevice;
import io.physcast.model.tensor.Tensor;
import io.physcast.model.train.Execution;

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
    private final ComputeDevice device;

    public GraphStepper(StepModel model, GraphInputs graph) {
        this(model, graph, ComputeDevice.CPU);
    }

    /**
     * On {@code device}. On the GPU each step takes the parameters as they are then and moves the
     * state in and out with the frame (the state stays a host value, as the streaming job keeps
     * it); {@link DeviceGraphStepper} keeps it on the device instead.
     */
    public GraphStepper(StepModel model, GraphInputs graph, ComputeDevice device) {
        this.model = model;
        this.graph = graph;
        this.kinds = model.stateSpec().stream().map(StateSpec::kind).toArray(StateKind[]::new);
        this.device = device;
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
        if (device == ComputeDevice.CUDA) {
            try (Execution exec = Execution.of(model.params(), device);
                    Tape t = exec.inference()) {
                return step(t, state, frame, true);
            }
        }
        Tape t = Tape.recyclingInference();
        StepResult result = step(t, state, frame, false);
        t.recycle(); // the result holds copies
        return result;
    }

    private StepResult step(Tape t, HiddenState state, float[] frame, boolean copied) {
        Var[] s = new Var[state.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.constant(state.tensorView(i));
        }
        Var pred = model.step(t, graph, t.constant(Tensor.column(frame.clone())), s);
        Tensor[] out = new Tensor[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].host();
        }
        float[] p = pred.host().data;
        return new StepResult(HiddenState.fromTensors(kinds, out), copied ? p : p.clone());
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
