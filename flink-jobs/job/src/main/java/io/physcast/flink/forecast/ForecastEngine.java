package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.cuda.ComputeDevice;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.trust.TrustSettings;
import java.util.List;

/**
 * The forecaster's logic without Flink: what one {@link GraphSnapshot} does to a key's {@link
 * ForecastState}, as the short sequence of steps {@link #onSnapshot} reads as: align the state with
 * the snapshot and the model ({@link KeyAlignment}), score the forecasts that targeted this window
 * ({@link IssuedForecasts}, which the skill guard and the intervals learn from), build the input
 * frame with gaps filled ({@link FrameImputation}), step the hidden graph state and roll out H
 * steps ({@link GraphStepper}), issue the forecasts (guarded, with intervals), and re-adapt the
 * temporal head when due ({@link AdaptationStep}). Mutates the state in place; deterministic for a
 * given state, snapshot and artifact.
 *
 * <p>Each key steps with its own parameter set ({@link KeyModels}). Not thread-safe: one engine per
 * operator instance.
 */
public final class ForecastEngine {
    /** Frames a key gathers before fitting its normalisation (model files calibrated online). */
    public static final int DEFAULT_CALIBRATION_WINDOWS = 24;

    /**
     * What one snapshot produced; {@code weights} are the skill guard's [h][forecast] (model,
     * persistence, value a day earlier), null when nothing was issued.
     */
    public record Outcome(
            List<StationForecast> forecasts,
            HorizonScores scores,
            HeadAdapter.Result adaptation,
            float[][] weights) {}

    private final ModelArtifact artifact;
    private final int horizon;
    private final int frameWindow;
    private final BackgroundAdaptations background;
    private final KeyAlignment alignment;
    private final IssuedForecasts issued;
    private final AdaptationStep adaptation;
    private final int levels;

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
        this(
                artifact,
                horizon,
                adapter,
                calibrationWindows,
                asyncWindows,
                ComputeDevice.CPU,
                TrustSettings.DEFAULT);
    }

    /**
     * @param device where the keys' steps compute (head adaptation trains on the CPU)
     * @param trust the skill guard's and the intervals' settings
     */
    public ForecastEngine(
            ModelArtifact artifact,
            int horizon,
            HeadAdapter adapter,
            int calibrationWindows,
            int asyncWindows,
            ComputeDevice device,
            TrustSettings trust) {
        this.artifact = artifact;
        this.horizon = horizon;
        this.frameWindow = adapter.window();
        KeyModels models = new KeyModels(artifact);
        this.background = new BackgroundAdaptations(artifact, adapter);
        int calibration =
                artifact.calibratesOnline()
                        ? Math.max(2, Math.min(calibrationWindows, adapter.window()))
                        : 0;
        this.alignment = new KeyAlignment(artifact, models, background, calibration, device);
        this.issued = new IssuedForecasts(horizon, trust);
        this.levels = trust.levelCount();
        this.adaptation = new AdaptationStep(adapter, models, alignment, background, asyncWindows);
    }

    /** The engine for a model file and the job's adaptation settings, on the CPU. */
    public static ForecastEngine of(ModelArtifact artifact, int horizon, AdaptationSettings a) {
        return of(artifact, horizon, a, ComputeDevice.CPU, TrustSettings.DEFAULT);
    }

    /** The engine for a model file and the job's adaptation and trust settings. */
    public static ForecastEngine of(
            ModelArtifact artifact,
            int horizon,
            AdaptationSettings a,
            ComputeDevice device,
            TrustSettings trust) {
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
                a.asyncWindows(),
                device,
                trust);
    }

    public Outcome onSnapshot(String key, ForecastState st, GraphSnapshot s) {
        if (s.correction) {
            FrameImputation.correct(st, s);
            return new Outcome(List.of(), new HorizonScores(horizon, levels), null, null);
        }
        if (s.nodes() == 0) {
            // every station left the graph (station TTL): nothing to forecast, nothing to keep
            st.forgetGraph();
            return new Outcome(List.of(), new HorizonScores(horizon, levels), null, null);
        }
        GraphStepper stepper = alignment.align(key, st, s);
        HorizonScores scores = issued.score(st, s);
        FrameImputation.Frame frame = FrameImputation.of(st, s);
        if (alignment.calibrating(st)) {
            // the ring gathers raw frames (identity normalisation) until calibration
            float[][] persistence = OnlineCalibration.persistence(st.lastObserved, horizon);
            IssuedForecasts.Issue out = issued.issue(st, s, persistence, modelVersion(st));
            FrameRing.push(st, s.windowEnd, frame.values(), frame.observed(), frameWindow);
            return new Outcome(out.forecasts(), scores, null, out.weights());
        }
        GraphStepper.Rollout r = stepper.advanceAndForecast(st.hidden(), frame.values(), horizon);
        st.setHidden(r.state());
        st.lastPrediction = r.forecasts()[0].clone();
        IssuedForecasts.Issue out = issued.issue(st, s, r.forecasts(), modelVersion(st));
        FrameRing.push(st, s.windowEnd, frame.values(), frame.observed(), frameWindow);
        return new Outcome(
                out.forecasts(), scores, adaptation.step(key, st, s, stepper), out.weights());
    }

    public String modelVersion(ForecastState st) {
        if (alignment.calibrating(st)) {
            return "persistence (calibrating " + artifact.version() + ")";
        }
        return st.head == null ? artifact.version() : artifact.version() + "+head" + st.headVersion;
    }

    /** Stops background adaptations (the operator closes). */
    public void close() {
        background.close();
    }
}
