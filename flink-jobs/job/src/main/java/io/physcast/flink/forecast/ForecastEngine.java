package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.flink.snapshot.StationRoster;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.data.Normalisation;
import io.physcast.model.graph.StationGraph;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecaster's logic without Flink: given a key's {@link ForecastState} and the next {@link
 * GraphSnapshot}, scores the forecasts whose target this window is, fills unobserved nodes with the
 * model's own previous forecast, advances the hidden graph state one step with the model library's
 * {@link GraphStepper}, rolls out H steps, and re-adapts the temporal head when due. Mutates the
 * state in place; deterministic for a given state, snapshot and artifact.
 *
 * <p>Not thread-safe: the model's parameters are swapped per key (adapted heads). One engine per
 * operator instance.
 */
public final class ForecastEngine {
    private static final org.slf4j.Logger LOG =
            org.slf4j.LoggerFactory.getLogger(ForecastEngine.class);
    private static final int GRAPH_CACHE = 64;

    private final ModelArtifact artifact;
    private final int horizon;
    private final HeadAdapter adapter;
    private final float[][] baseParams;
    private float[][] loaded;
    private final Map<String, CachedGraph> graphs =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CachedGraph> e) {
                    return size() > GRAPH_CACHE;
                }
            };

    private record CachedGraph(int version, int[] src, GraphStepper stepper) {}

    /** What one snapshot produced. */
    public record Outcome(
            List<StationForecast> forecasts, HorizonScores scores, HeadAdapter.Result adaptation) {}

    /** Frames a key gathers before fitting its normalisation (model files calibrated online). */
    public static final int DEFAULT_CALIBRATION_WINDOWS = 24;

    private final int calibrationWindows;
    private final int asyncWindows;
    private final BackgroundAdaptations background;

    public ForecastEngine(ModelArtifact artifact, int horizon, HeadAdapter adapter) {
        this(artifact, horizon, adapter, DEFAULT_CALIBRATION_WINDOWS, 0);
    }

    /**
     * @param calibrationWindows frames before a key's normalisation is fitted, when the model file
     *     calibrates online (capped by the adapter's frame window W)
     * @param asyncWindows windows an adaptation trains in the background before its head is swapped
     *     in (0: inline)
     */
    public ForecastEngine(
            ModelArtifact artifact,
            int horizon,
            HeadAdapter adapter,
            int calibrationWindows,
            int asyncWindows) {
        this.background = new BackgroundAdaptations(artifact, adapter);
        this.asyncWindows = asyncWindows;
        this.artifact = artifact;
        this.horizon = horizon;
        this.adapter = adapter;
        this.calibrationWindows =
                artifact.calibratesOnline()
                        ? Math.max(2, Math.min(calibrationWindows, adapter.window()))
                        : 0;
        this.baseParams = artifact.model().params().snapshot();
        this.loaded = baseParams;
    }

    public String modelVersion(ForecastState st) {
        if (calibrating(st)) {
            return "persistence (calibrating " + artifact.version() + ")";
        }
        return st.head == null ? artifact.version() : artifact.version() + "+head" + st.headVersion;
    }

    public Outcome onSnapshot(String key, ForecastState st, GraphSnapshot s) {
        HorizonScores scores = new HorizonScores(horizon);
        if (s.correction) {
            correct(st, s);
            return new Outcome(List.of(), scores, null);
        }
        if (s.nodes() == 0) {
            // every station left the graph (station TTL): nothing to forecast, nothing to keep
            st.forgetGraph();
            return new Outcome(List.of(), scores, null);
        }
        if (st.isEmpty() || s.restart) {
            reset(st, s);
        } else if (s.graphVersion != st.graphVersion || s.nodes() != st.stations.length) {
            StateRemap.onto(st, s, normalisationFor(st, s));
        }
        GraphStepper stepper = stepper(key, s);
        if (st.model == null) {
            st.model = artifact.version();
        } else if (!st.model.equals(artifact.version())) {
            rollOut(key, st, stepper);
        }
        loadParams(st.head);
        if (calibrating(st) && OnlineCalibration.ready(st, calibrationWindows)) {
            OnlineCalibration.calibrate(st, stepper);
        }
        score(st, s, scores);
        int n = s.nodes();
        float[] frame = new float[n];
        float[] observed = new float[n];
        for (int i = 0; i < n; i++) {
            if (s.observed[i]) {
                frame[i] = (float) ((s.values[i] - st.normMean[i]) / st.normStd[i]);
                observed[i] = 1f;
                st.lastObserved[i] = (float) s.values[i];
            } else if (st.lastPrediction != null && !Float.isNaN(st.lastPrediction[i])) {
                frame[i] = st.lastPrediction[i];
            }
        }
        st.lastWindowEnd = s.windowEnd;
        if (calibrating(st)) {
            // the ring gathers raw frames (identity normalisation) until calibration
            List<StationForecast> out =
                    issue(st, s, OnlineCalibration.persistence(st.lastObserved, horizon));
            FrameRing.push(st, s.windowEnd, frame, observed, adapter.window());
            return new Outcome(out, scores, null);
        }
        GraphStepper.Rollout r = stepper.advanceAndForecast(st.hidden(), frame, horizon);
        st.setHidden(r.state());
        st.lastPrediction = r.forecasts()[0].clone();
        List<StationForecast> out = issue(st, s, r.forecasts());
        FrameRing.push(st, s.windowEnd, frame, observed, adapter.window());
        return new Outcome(out, scores, adapt(key, st, s, stepper));
    }

    /**
     * Starts a due adaptation (inline, or in the background to be swapped in {@code asyncWindows}
     * windows later) and swaps in a pending one whose window has come, waiting for it if it is not
     * done: the result depends only on the state, never on timing. A graph change cancels it. The
     * reported wait includes rebuilding the hidden state.
     */
    private HeadAdapter.Result adapt(
            String key, ForecastState st, GraphSnapshot s, GraphStepper stepper) {
        GraphInputs g = stepper.graph();
        if (st.pendingAdaptAt != 0) {
            st.windowsSinceAdapt++; // keeps the cadence at R windows from the start
            if (st.pendingGraphVersion != s.graphVersion) {
                background.cancel(key);
                st.clearPending();
            } else if (s.windowEnd >= st.pendingAdaptAt) {
                long start = System.nanoTime();
                HeadAdapter.Trained t = background.await(key, st, g, headOf(st));
                st.clearPending();
                return swapIn(st, t, stepper, start);
            } else {
                background.ensureRunning(key, st, g, headOf(st));
            }
            return null;
        }
        if (!adapter.due(st)) {
            return null;
        }
        HeadAdapter.Job job = adapter.prepare(st, key.hashCode());
        if (asyncWindows == 0) {
            long start = System.nanoTime();
            HeadAdapter.Trained t = adapter.train(job, artifact.model(), g, headOf(st));
            loaded = null; // trained in place: reload before the next step
            return swapIn(st, t, stepper, start);
        }
        st.pendingAdaptAt = s.windowEnd + asyncWindows * s.windowMillis;
        st.pendingGraphVersion = s.graphVersion;
        st.pendingSeed = job.seed();
        st.pendingValues = job.values();
        st.pendingObserved = job.observed();
        background.ensureRunning(key, st, g, headOf(st));
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
            ForecastState st, HeadAdapter.Trained t, GraphStepper stepper, long start) {
        HeadAdapter.apply(st, t);
        loadParams(st.head);
        FrameRing.replay(st, stepper);
        return t.result().waited((System.nanoTime() - start) / 1e9);
    }

    /** The engine for a model file and the job's adaptation settings. */
    public static ForecastEngine of(ModelArtifact artifact, int horizon, AdaptationSettings a) {
        return new ForecastEngine(
                artifact,
                horizon,
                new HeadAdapter(
                        a.window(),
                        a.every(),
                        a.iterations(),
                        artifact.spec().inputLen(),
                        artifact.spec().horizon()),
                a.calibrationWindows(),
                a.asyncWindows());
    }

    private float[][] headOf(ForecastState st) {
        return st.head == null ? baseParams : st.head;
    }

    /** Stops background adaptations (the operator closes). */
    public void close() {
        background.close();
    }

    private boolean calibrating(ForecastState st) {
        return calibrationWindows > 0 && !st.calibrated;
    }

    /** The statistics for the snapshot's stations: the model file's, or the key's own. */
    private Normalisation normalisationFor(ForecastState st, GraphSnapshot s) {
        if (calibrationWindows == 0) {
            return artifact.normalisationFor(Arrays.asList(s.stations));
        }
        return st.calibrated
                ? OnlineCalibration.carriedOver(st, Arrays.asList(s.stations))
                : OnlineCalibration.identity(s.nodes());
    }

    /** The state a key starts with (or restarts with after a long gap; an adapted head stays). */
    private void reset(ForecastState st, GraphSnapshot s) {
        int n = s.nodes();
        st.calibrated = false;
        st.clearPending();
        st.adoptGraph(s, normalisationFor(st, s));
        st.setHidden(HiddenState.zeros(artifact.model().stateSpec(), inputs(s)));
        st.lastPrediction = null;
        st.lastObserved = new float[n];
        Arrays.fill(st.lastObserved, Float.NaN);
        st.frameTimes = new long[0];
        st.frameValues = new float[0][];
        st.frameObserved = new float[0][];
        st.clearIssued();
        st.model = artifact.version();
    }

    /**
     * The job was resumed with another model file: the key keeps its stations, graph,
     * normalisation, frames and issued forecasts, drops the head adapted for the old model and
     * rebuilds its hidden state by replaying its frames with the new one, so the first window after
     * the restore is already forecast by the new model.
     */
    private void rollOut(String key, ForecastState st, GraphStepper stepper) {
        LOG.info("{}: model {} -> {}, hidden state rebuilt", key, st.model, artifact.version());
        background.cancel(key);
        st.clearPending();
        st.head = null;
        st.windowsSinceAdapt = 0;
        st.model = artifact.version();
        loadParams(null);
        if (!calibrating(st)) {
            FrameRing.replay(st, stepper);
        }
    }

    /** Scores the issued forecasts targeting this window, then drops those fully scored. */
    private void score(ForecastState st, GraphSnapshot s, HorizonScores scores) {
        int keep = 0;
        for (int i = 0; i < st.issueTimes.length; i++) {
            long steps = (s.windowEnd - st.issueTimes[i]) / s.windowMillis;
            if (steps >= 1 && steps <= horizon) {
                float[] predicted = st.issued[i][(int) steps - 1];
                float[] persistence = st.issuedPersistence[i];
                for (int node = 0; node < predicted.length && node < s.nodes(); node++) {
                    if (s.observed[node] && !Float.isNaN(persistence[node])) {
                        double v = s.values[node];
                        scores.add(
                                (int) steps - 1,
                                Math.abs(predicted[node] - v),
                                Math.abs(persistence[node] - v));
                    }
                }
            }
            if (steps < horizon) {
                st.issueTimes[keep] = st.issueTimes[i];
                st.issued[keep] = st.issued[i];
                st.issuedPersistence[keep] = st.issuedPersistence[i];
                keep++;
            }
        }
        st.issueTimes = Arrays.copyOf(st.issueTimes, keep);
        st.issued = Arrays.copyOf(st.issued, keep);
        st.issuedPersistence = Arrays.copyOf(st.issuedPersistence, keep);
    }

    private List<StationForecast> issue(ForecastState st, GraphSnapshot s, float[][] normalised) {
        int n = s.nodes();
        float[][] values = new float[horizon][n];
        long[] targets = new long[horizon];
        for (int h = 0; h < horizon; h++) {
            targets[h] = s.windowEnd + (h + 1) * s.windowMillis;
            for (int i = 0; i < n; i++) {
                values[h][i] = normalised[h][i] * st.normStd[i] + st.normMean[i];
            }
        }
        int m = st.issueTimes.length;
        st.issueTimes = Arrays.copyOf(st.issueTimes, m + 1);
        st.issued = Arrays.copyOf(st.issued, m + 1);
        st.issuedPersistence = Arrays.copyOf(st.issuedPersistence, m + 1);
        st.issueTimes[m] = s.windowEnd;
        st.issued[m] = values;
        st.issuedPersistence[m] = st.lastObserved.clone();
        String version = modelVersion(st);
        List<StationForecast> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StationForecast f = new StationForecast();
            f.region = s.region;
            f.variable = s.variable;
            f.station = s.stations[i];
            f.issueTime = s.windowEnd;
            f.modelVersion = version;
            f.targetTimes = targets.clone();
            f.values = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                f.values[h] = values[h][i];
            }
            out.add(f);
        }
        return out;
    }

    /** A late update of a stored frame: the re-adaptation sees the corrected values. */
    private void correct(ForecastState st, GraphSnapshot s) {
        if (st.isEmpty()) {
            return;
        }
        for (int f = 0; f < st.frameTimes.length; f++) {
            if (st.frameTimes[f] == s.windowEnd) {
                for (int i = 0; i < s.nodes() && i < st.stations.length; i++) {
                    if (s.observed[i] && s.stations[i].equals(st.stations[i])) {
                        st.frameValues[f][i] =
                                (float) ((s.values[i] - st.normMean[i]) / st.normStd[i]);
                        st.frameObserved[f][i] = 1f;
                    }
                }
            }
        }
    }

    private void loadParams(float[][] head) {
        float[][] want = head == null ? baseParams : head;
        if (loaded != want) {
            artifact.model().params().restore(want);
            loaded = want;
        }
    }

    private GraphStepper stepper(String key, GraphSnapshot s) {
        CachedGraph c = graphs.get(key);
        if (c == null || c.version != s.graphVersion || !Arrays.equals(c.src, s.src)) {
            c =
                    new CachedGraph(
                            s.graphVersion, s.src, new GraphStepper(artifact.model(), inputs(s)));
            graphs.put(key, c);
        }
        return c.stepper;
    }

    static GraphInputs inputs(GraphSnapshot s) {
        double[][] xy = StationRoster.project(s.lat, s.lon);
        return new GraphInputs(new StationGraph(xy[0], xy[1], s.src, s.dst));
    }

    /** For tests and metrics: how many keys have a graph prepared. */
    int cachedGraphs() {
        return graphs.size();
    }
}
