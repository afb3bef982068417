package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.StateKind;
import io.physcast.model.trust.TrustState;

/**
 * Everything the forecaster keeps per (region, variable), as a Flink POJO: Flink serializes it with
 * its POJO serializer (no Kryo; generic types are disabled in the job), which also lets a savepoint
 * gain fields with defaults. Node-indexed arrays follow {@link #stations}; the hidden state and
 * edge arrays follow {@link #src}/{@link #dst}.
 */
public class ForecastState {
    public String[] stations;
    public int graphVersion;
    public int[] src;
    public int[] dst;
    public float[] normMean;
    public float[] normStd;

    /** Hidden graph state: per tensor its kind (StateKind ordinal), shape and values. */
    public int[] stateKinds;

    public int[] stateRows;
    public int[] stateCols;
    public float[][] stateData;
    public long lastWindowEnd;

    /** The last step's one-window-ahead forecast (normalised; NaN unknown): fills missing nodes. */
    public float[] lastPrediction;

    /** Last observed value per node in data units (NaN: never observed): persistence. */
    public float[] lastObserved;

    /** Recent frames for head re-adaptation, oldest first: normalised values and 0/1 masks. */
    public long[] frameTimes;

    public float[][] frameValues;
    public float[][] frameObserved;

    /** Forecasts awaiting their observations: issue times, [issue][h][node] values (data units). */
    public long[] issueTimes;

    public float[][][] issued;

    /** Persistence forecast at each issue (data units, NaN unknown). */
    public float[][] issuedPersistence;

    /**
     * The rest of each issue that scoring needs (added after release 0.1.0, empty in older state):
     * the value-a-day-earlier forecast [issue][h][node] (null for windows of a day or longer), the
     * skill guard's weights [issue][h][forecast], each station's interval scale [issue][h][node],
     * the scaled quantiles [issue][h][2 x level], and whether intervals were emitted [issue][h].
     */
    public float[][][] issuedDayEarlier;

    public float[][][] issuedWeights;
    public float[][][] issuedScale;
    public float[][][] issuedQuantiles;
    public boolean[][] issuedIntervals;

    /** The skill guard's and the intervals' calibration (null: not started). */
    public TrustState trust;

    /** Observed values (data units, NaN missing) of the last day's windows, oldest first. */
    public long[] dayTimes;

    public float[][] dayValues;

    /** Adapted parameters (null: the artifact's), their version and windows since adaptation. */
    public float[][] head;

    public int headVersion;
    public int windowsSinceAdapt;

    /**
     * Loss on the recent frames before and after the last adaptation (NaN: none yet). Added after
     * release 0.1.0: a state restored from an older savepoint starts with NaN here.
     */
    public double adaptLossBefore = Double.NaN;

    public double adaptLossAfter = Double.NaN;

    /**
     * For a model file calibrated online: whether this key's normalisation has been fitted (until
     * then {@link #normMean}/{@link #normStd} are the identity and forecasts are persistence).
     */
    public boolean calibrated;

    /**
     * A head adaptation training in the background: its head is swapped in once the window ending
     * at {@link #pendingAdaptAt} has been processed (0: none). Its inputs are kept here so that a
     * restored job retrains exactly the same head.
     */
    public long pendingAdaptAt;

    public int pendingGraphVersion;

    /**
     * The version of the model file the hidden state and head were computed with (null: written
     * before this field existed; taken to be the model in use). A job resumed from a savepoint with
     * another model file rebuilds the hidden state when it sees a different one.
     */
    public String model;

    public long pendingSeed;
    public float[][] pendingValues;
    public float[][] pendingObserved;

    public ForecastState() {}

    public boolean isEmpty() {
        return stations == null;
    }

    /** Takes the snapshot's stations and graph, with their normalisation, as this state's own. */
    public void adoptGraph(GraphSnapshot s, Normalisation norm) {
        stations = s.stations.clone();
        graphVersion = s.graphVersion;
        src = s.src.clone();
        dst = s.dst.clone();
        normMean = norm.mean().clone();
        normStd = norm.std().clone();
    }

    /** Drops a pending head adaptation. */
    public void clearPending() {
        pendingAdaptAt = 0;
        pendingGraphVersion = 0;
        pendingSeed = 0;
        pendingValues = null;
        pendingObserved = null;
    }

    /** Forgets the forecasts awaiting their observations. */
    public void clearIssued() {
        issueTimes = new long[0];
        issued = new float[0][][];
        issuedPersistence = new float[0][];
        issuedDayEarlier = new float[0][][];
        issuedWeights = new float[0][][];
        issuedScale = new float[0][][];
        issuedQuantiles = new float[0][][];
        issuedIntervals = new boolean[0][];
    }

    /** Drops everything tied to the graph (it emptied); an adapted head stays with the key. */
    public void forgetGraph() {
        ForecastState blank = new ForecastState();
        blank.head = head;
        blank.headVersion = headVersion;
        blank.windowsSinceAdapt = windowsSinceAdapt;
        blank.adaptLossBefore = adaptLossBefore;
        blank.adaptLossAfter = adaptLossAfter;
        blank.model = model;
        blank.trust = trust;
        copyFrom(blank);
    }

    private void copyFrom(ForecastState o) {
        stations = o.stations;
        graphVersion = o.graphVersion;
        src = o.src;
        dst = o.dst;
        normMean = o.normMean;
        normStd = o.normStd;
        stateKinds = o.stateKinds;
        stateRows = o.stateRows;
        stateCols = o.stateCols;
        stateData = o.stateData;
        lastWindowEnd = o.lastWindowEnd;
        lastPrediction = o.lastPrediction;
        lastObserved = o.lastObserved;
        frameTimes = o.frameTimes;
        frameValues = o.frameValues;
        frameObserved = o.frameObserved;
        issueTimes = o.issueTimes;
        issued = o.issued;
        issuedPersistence = o.issuedPersistence;
        issuedDayEarlier = o.issuedDayEarlier;
        issuedWeights = o.issuedWeights;
        issuedScale = o.issuedScale;
        issuedQuantiles = o.issuedQuantiles;
        issuedIntervals = o.issuedIntervals;
        trust = o.trust;
        dayTimes = o.dayTimes;
        dayValues = o.dayValues;
        head = o.head;
        headVersion = o.headVersion;
        windowsSinceAdapt = o.windowsSinceAdapt;
        adaptLossBefore = o.adaptLossBefore;
        adaptLossAfter = o.adaptLossAfter;
        calibrated = o.calibrated;
        pendingAdaptAt = o.pendingAdaptAt;
        pendingGraphVersion = o.pendingGraphVersion;
        pendingSeed = o.pendingSeed;
        pendingValues = o.pendingValues;
        pendingObserved = o.pendingObserved;
        model = o.model;
    }

    public HiddenState hidden() {
        StateKind[] kinds = new StateKind[stateKinds.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = StateKind.values()[stateKinds[i]];
        }
        return new HiddenState(kinds, stateRows, stateCols, stateData);
    }

    public void setHidden(HiddenState h) {
        int n = h.size();
        stateKinds = new int[n];
        stateRows = new int[n];
        stateCols = new int[n];
        stateData = new float[n][];
        for (int i = 0; i < n; i++) {
            stateKinds[i] = h.kind(i).ordinal();
            stateRows[i] = h.rows(i);
            stateCols[i] = h.cols(i);
            stateData[i] = h.values(i);
        }
    }
}
