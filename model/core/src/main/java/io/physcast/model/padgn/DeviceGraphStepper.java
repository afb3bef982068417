package io.physcast.model.padgn;

import io.physcast.model.autodiff.DeviceParams;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.cuda.DeviceArray;
import io.physcast.model.cuda.DeviceContext;
import io.physcast.model.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link GraphStepper} on the GPU with the hidden state resident there: a step moves the frame in
 * and the prediction out, nothing else (the parameters and the graph were uploaded once). The
 * parameters are those of the model when this stepper was made. Not thread-safe; close it to free
 * its device memory.
 */
public final class DeviceGraphStepper implements AutoCloseable {
    private final StepModel model;
    private final GraphInputs graph;
    private final DeviceParams params;
    private final DeviceContext context;
    private final StateKind[] kinds;
    private final int[] rows;
    private final int[] cols;
    private final DeviceArray[] state;

    public DeviceGraphStepper(StepModel model, GraphInputs graph, DeviceContext context) {
        this.model = model;
        this.graph = graph;
        this.context = context;
        this.params = new DeviceParams(context, List.copyOf(model.params().all()));
        params.upload();
        HiddenState zero = HiddenState.zeros(model.stateSpec(), graph);
        int n = zero.size();
        kinds = new StateKind[n];
        rows = new int[n];
        cols = new int[n];
        state = new DeviceArray[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = zero.kind(i);
            rows[i] = zero.rows(i);
            cols[i] = zero.cols(i);
            state[i] = context.zeros((long) rows[i] * cols[i]);
        }
    }

    /** Replaces the resident state (e.g. one restored from a checkpoint). */
    public void load(HiddenState s) {
        for (int i = 0; i < state.length; i++) {
            if (s.rows(i) != rows[i] || s.cols(i) != cols[i]) {
                throw new IllegalArgumentException("state tensor " + i + " has the wrong shape");
            }
            context.upload(s.values(i), state[i]);
        }
    }

    /** The resident state, copied to the host. */
    public HiddenState state() {
        float[][] d = new float[state.length][];
        for (int i = 0; i < state.length; i++) {
            d[i] = new float[rows[i] * cols[i]];
            context.download(state[i], d[i]);
        }
        return new HiddenState(kinds, rows, cols, d);
    }

    /** Advances the resident state with {@code frame}; returns the one-step prediction. */
    public float[] step(float[] frame) {
        return advanceAndForecast(frame, 1)[0];
    }

    /**
     * Advances the resident state with {@code frame}, then feeds predictions back for {@code
     * horizon - 1} more steps on temporaries (the resident state stays the first step's).
     *
     * @return the forecasts {@code [horizon][nodes]} for t+1..t+horizon
     */
    public float[][] advanceAndForecast(float[] frame, int horizon) {
        if (frame.length != graph.nodes) {
            throw new IllegalArgumentException(
                    "frame has " + frame.length + " values for " + graph.nodes + " nodes");
        }
        try (Tape t = Tape.onDevice(params, false)) {
            Var[] s = new Var[state.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = t.constant(rows[i], cols[i], state[i]);
            }
            Var pred = model.step(t, graph, t.constant(Tensor.column(frame)), s);
            for (int i = 0; i < s.length; i++) {
                if (s[i].rows() != rows[i]) {
                    throw new IllegalStateException("the model changed a state tensor's shape");
                }
                DeviceArray next = t.keep(s[i]); // null: the step left this tensor as it was
                if (next != null) {
                    context.free(state[i]);
                    state[i] = next;
                }
            }
            List<Var> preds = new ArrayList<>(horizon);
            preds.add(pred);
            Var[] rolled = s.clone();
            for (int h = 1; h < horizon; h++) {
                pred = model.step(t, graph, pred, rolled);
                preds.add(pred);
            }
            // one transfer for all horizons: N x H, node-major
            Tensor all = (horizon == 1 ? pred : t.concatCols(preds.toArray(Var[]::new))).host();
            float[][] out = new float[horizon][graph.nodes];
            for (int i = 0; i < graph.nodes; i++) {
                for (int h = 0; h < horizon; h++) {
                    out[h][i] = all.data[i * horizon + h];
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        for (DeviceArray a : state) {
            context.free(a);
        }
        params.close();
    }
}
