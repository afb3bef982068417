package io.physcast.flink.forecast;

import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Trainer;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * What one adaptation did: losses on the recent frames, whether it was kept, its training time
     * and how long the stream waited for it (all of it inline; in the background only what was left
     * when its window came).
     */
    public record Result(
            double lossBefore,
            double lossAfter,
            boolean accepted,
            double seconds,
            double waitedSeconds) {
        Result waited(double w) {
            return new Result(lossBefore, lossAfter, accepted, seconds, w);
        }
    }

    /** An adaptation's inputs: the key's frames when it was due, and its seed. */
    record Job(float[][] values, float[][] observed, long seed) {}

    /** An adaptation's outcome: the result and the trained parameters (null: rejected). */
    record Trained(Result result, float[][] params) {}

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

    /**
     * Captures what an adaptation due now trains on: a copy of the state's frames (so late
     * corrections arriving meanwhile do not change it) and the seed; counting restarts.
     */
    Job prepare(ForecastState st, long keySeed) {
        st.windowsSinceAdapt = 0;
        float[][] values = new float[st.frameValues.length][];
        float[][] observed = new float[st.frameObserved.length][];
        for (int f = 0; f < values.length; f++) {
            values[f] = st.frameValues[f].clone();
            observed[f] = st.frameObserved[f].clone();
        }
        return new Job(values, observed, keySeed * 31 + st.headVersion);
    }

    /**
     * Trains a copy of the head, from {@code startParams}, on the job's frames; {@code model} is
     * used as scratch (its parameters are overwritten). Pure given its inputs, so it may run on
     * another thread and a restore repeats it exactly.
     */
    Trained train(Job job, StepModel model, GraphInputs graph, float[][] startParams) {
        long start = System.nanoTime();
        model.params().restore(startParams);
        List<Window> windows = windows(job.values(), job.observed());
        TrainingConfig config =
                TrainingConfig.defaults(inputLen, horizon)
                        .withIterations(iterations, Double.MAX_VALUE)
                        .withSampling(0)
                        .withBatch(Math.min(4, windows.size()), iterations)
                        .withSeed(job.seed());
        Trainer trainer = new Trainer(config, line -> {});
        double before = trainer.validationLoss(model, graph, windows);
        model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, true);
        double after;
        try {
            after = trainer.fit(model, graph, windows, windows).bestValidation();
        } finally {
            model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, false);
        }
        boolean accepted = after < before;
        return new Trained(
                new Result(before, after, accepted, (System.nanoTime() - start) / 1e9, Double.NaN),
                accepted ? model.params().snapshot() : null);
    }

    /** Keeps the trained head in the state if it helped; records the losses either way. */
    static void apply(ForecastState st, Trained t) {
        st.adaptLossBefore = t.result().lossBefore();
        st.adaptLossAfter = t.result().lossAfter();
        if (t.params() != null) {
            st.head = t.params();
            st.headVersion++;
        }
    }

    /** Up to {@link #MAX_WINDOWS} windows, evenly spread and ending with the newest frame. */
    private List<Window> windows(float[][] values, float[][] observed) {
        int len = inputLen + horizon;
        int last = values.length - len;
        int count = Math.min(MAX_WINDOWS, last + 1);
        List<Window> out = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            int from = count == 1 ? last : last - (int) ((long) last * w / (count - 1));
            out.add(
                    new Window(
                            Arrays.copyOfRange(values, from, from + len),
                            Arrays.copyOfRange(observed, from, from + len)));
        }
        return out;
    }
}
