package io.physcast.flink.forecast;

import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Trainer;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-adapts the temporal head (RGN blocks and decoder; the spatial module stays frozen) on a key's
 * last W frames every R windows: a few Adam steps on windows cut from the frames, accepted only
 * when the loss on those frames goes down. Bounded by iterations, not wall-clock time, so that a
 * restored job repeats exactly the same adaptation.
 */
public final class HeadAdapter {
    /** At most this many windows are cut from the frames (bounds one adaptation's cost). */
    static final int MAX_WINDOWS = 8;

    private final int window;
    private final int every;
    private final int iterations;
    private final int inputLen;
    private final int horizon;

    /** What one adaptation did. */
    public record Result(double lossBefore, double lossAfter, boolean accepted, double seconds) {}

    /**
     * @param window W, frames kept
     * @param every R, windows between adaptations (0: never)
     * @param inputLen warm-up frames per training window (the artifact's, capped at W / 2)
     * @param horizon predicted frames per training window (capped by what W leaves)
     */
    public HeadAdapter(int window, int every, int iterations, int inputLen, int horizon) {
        this.window = window;
        this.every = every;
        this.iterations = iterations;
        this.inputLen = Math.max(1, Math.min(inputLen, window / 2));
        this.horizon = Math.max(1, Math.min(horizon, window - this.inputLen));
    }

    public int window() {
        return window;
    }

    /** Counts the window and tells whether an adaptation is due now. */
    boolean due(ForecastState st) {
        if (every == 0 || iterations == 0) {
            return false;
        }
        st.windowsSinceAdapt++;
        return st.windowsSinceAdapt >= every && st.frameTimes.length >= inputLen + horizon;
    }

    /** Trains the head in place on the state's frames; keeps it in the state if it helped. */
    Result adapt(StepModel model, GraphInputs graph, ForecastState st, long seed) {
        long start = System.nanoTime();
        st.windowsSinceAdapt = 0;
        List<Window> windows = windows(st);
        TrainingConfig config =
                TrainingConfig.defaults(inputLen, horizon)
                        .withIterations(iterations, Double.MAX_VALUE)
                        .withSampling(0)
                        .withBatch(Math.min(4, windows.size()), iterations)
                        .withSeed(seed * 31 + st.headVersion);
        Trainer trainer = new Trainer(config, line -> {});
        double before = trainer.validationLoss(model, graph, windows);
        model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, true);
        double after;
        try {
            after = trainer.fit(model, graph, windows, windows).bestValidationLoss();
        } finally {
            model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, false);
        }
        boolean accepted = after < before;
        st.adaptLossBefore = before;
        st.adaptLossAfter = after;
        if (accepted) {
            st.head = model.params().snapshot();
            st.headVersion++;
        }
        return new Result(before, after, accepted, (System.nanoTime() - start) / 1e9);
    }

    /** Up to {@link #MAX_WINDOWS} windows, evenly spread and ending with the newest frame. */
    private List<Window> windows(ForecastState st) {
        int len = inputLen + horizon;
        int last = st.frameTimes.length - len;
        int count = Math.min(MAX_WINDOWS, last + 1);
        List<Window> out = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            int from = count == 1 ? last : last - (int) ((long) last * w / (count - 1));
            float[][] v = new float[len][];
            float[][] o = new float[len][];
            for (int t = 0; t < len; t++) {
                v[t] = st.frameValues[from + t];
                o[t] = st.frameObserved[from + t];
            }
            out.add(new Window(v, o));
        }
        return out;
    }
}
