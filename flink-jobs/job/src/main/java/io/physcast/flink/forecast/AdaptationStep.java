package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;

/**
 * Re-adapts a key's temporal head every R windows: inline, or in the background with the head
 * swapped in {@code asyncWindows} windows later, waiting for it if it is not done, so that the
 * result depends only on the state, never on timing. A graph change cancels a pending one.
 */
final class AdaptationStep {
    private final HeadAdapter adapter;
    private final KeyModels models;
    private final KeyAlignment alignment;
    private final BackgroundAdaptations background;
    private final int asyncWindows;

    AdaptationStep(
            HeadAdapter adapter,
            KeyModels models,
            KeyAlignment alignment,
            BackgroundAdaptations background,
            int asyncWindows) {
        this.adapter = adapter;
        this.models = models;
        this.alignment = alignment;
        this.background = background;
        this.asyncWindows = asyncWindows;
    }

    /** What this window does about adaptation; the result of one swapped in, or null. */
    HeadAdapter.Result step(String key, ForecastState st, GraphSnapshot s, GraphStepper stepper) {
        GraphInputs g = stepper.graph();
        if (st.pendingAdaptAt != 0) {
            st.windowsSinceAdapt++; // keeps the cadence at R windows from the start
            if (st.pendingGraphVersion != s.graphVersion) {
                background.cancel(key);
                st.clearPending();
            } else if (s.windowEnd >= st.pendingAdaptAt) {
                long start = System.nanoTime();
                HeadAdapter.Trained t = background.await(key, st, g, models.paramsOf(st));
                st.clearPending();
                return swapIn(key, st, s, t, start);
            } else {
                background.ensureRunning(key, st, g, models.paramsOf(st));
            }
            return null;
        }
        if (!adapter.due(st)) {
            return null;
        }
        HeadAdapter.Job job = adapter.prepare(st, key.hashCode());
        if (asyncWindows == 0) {
            long start = System.nanoTime();
            HeadAdapter.Trained t = adapter.train(job, models.scratch(), g, models.paramsOf(st));
            return swapIn(key, st, s, t, start);
        }
        st.pendingAdaptAt = s.windowEnd + asyncWindows * s.windowMillis;
        st.pendingGraphVersion = s.graphVersion;
        st.pendingSeed = job.seed();
        st.pendingValues = job.values();
        st.pendingObserved = job.observed();
        background.ensureRunning(key, st, g, models.paramsOf(st));
        return null;
    }

    /**
     * Keeps the trained head if it helped, then rebuilds the key's hidden state by replaying its
     * frame ring with the head now in use, after every adaptation, kept or not. The head is trained
     * on windows that start from a zero state and warm up on a few frames; a state carried for
     * hundreds of windows, or computed by an earlier head, drifts away from what it was trained on
     * (a quarter-year replay lost to persistence after ~800 windows without this, and held steady
     * with it). The result reports the wait since {@code start}.
     */
    private HeadAdapter.Result swapIn(
            String key, ForecastState st, GraphSnapshot s, HeadAdapter.Trained t, long start) {
        HeadAdapter.apply(st, t);
        FrameRing.replay(st, alignment.stepper(key, st, s));
        return t.result().waited((System.nanoTime() - start) / 1e9);
    }
}
