package io.physcast.flink.forecast;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.padgn.GraphInputs;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Head adaptations training on one background thread, each on its own copy of the network, so the
 * forecaster keeps stepping while they run. Only the futures live here; what a pending adaptation
 * trains on is in the key's state, so after a restore it is simply started again.
 */
final class BackgroundAdaptations {
    private final ModelArtifact artifact;
    private final HeadAdapter adapter;
    private final Map<String, Running> running = new HashMap<>();
    private ExecutorService executor;

    private record Running(long at, Future<HeadAdapter.Trained> future) {}

    BackgroundAdaptations(ModelArtifact artifact, HeadAdapter adapter) {
        this.artifact = artifact;
        this.adapter = adapter;
    }

    /** Starts the key's pending adaptation unless it is already running. */
    void ensureRunning(String key, ForecastState st, GraphInputs graph, float[][] start) {
        Running r = running.get(key);
        if (r != null && r.at() == st.pendingAdaptAt) {
            return;
        }
        if (r != null) {
            r.future().cancel(true);
        }
        HeadAdapter.Job job = job(st);
        if (executor == null) {
            executor =
                    Executors.newSingleThreadExecutor(
                            task -> {
                                Thread t = new Thread(task, "head-adaptation");
                                t.setDaemon(true);
                                return t;
                            });
        }
        running.put(
                key,
                new Running(
                        st.pendingAdaptAt,
                        executor.submit(
                                () -> adapter.train(job, artifact.spec().build(), graph, start))));
    }

    /** The key's pending adaptation: waits for it, or trains it here if it never started. */
    HeadAdapter.Trained await(String key, ForecastState st, GraphInputs graph, float[][] start) {
        Running r = running.remove(key);
        if (r != null && r.at() == st.pendingAdaptAt) {
            try {
                return r.future().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for a head adaptation", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("head adaptation failed", e.getCause());
            }
        }
        return adapter.train(job(st), artifact.spec().build(), graph, start);
    }

    void cancel(String key) {
        Running r = running.remove(key);
        if (r != null) {
            r.future().cancel(true);
        }
    }

    void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        running.clear();
    }

    private static HeadAdapter.Job job(ForecastState st) {
        return new HeadAdapter.Job(st.pendingValues, st.pendingObserved, st.pendingSeed);
    }
}
