package io.physcast.flink.forecast;

import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.cuda.ComputeDevice;
import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a key's state in line with the snapshot and the model before a step: starts or restarts
 * it, remaps it onto a changed station set, rolls it onto a new model file, picks the model it
 * steps with, and fits its normalisation once enough frames are in (model files calibrated online).
 */
final class KeyAlignment {
    private static final Logger LOG = LoggerFactory.getLogger(KeyAlignment.class);

    private final ModelArtifact artifact;
    private final KeyModels models;
    private final GraphSteppers steppers;
    private final BackgroundAdaptations background;
    private final int calibrationWindows;

    KeyAlignment(
            ModelArtifact artifact,
            KeyModels models,
            BackgroundAdaptations background,
            int calibrationWindows,
            ComputeDevice device) {
        this.artifact = artifact;
        this.models = models;
        this.steppers = new GraphSteppers(device);
        this.background = background;
        this.calibrationWindows = calibrationWindows;
    }

    /** Aligns the state; returns the stepper of the key's model on the snapshot's graph. */
    GraphStepper align(String key, ForecastState st, GraphSnapshot s) {
        if (st.isEmpty() || s.restart) {
            reset(st, s);
        } else if (s.graphVersion != st.graphVersion || s.nodes() != st.stations.length) {
            StateRemap.onto(st, s, normalisationFor(st, s));
        }
        if (st.model == null) {
            st.model = artifact.version();
        } else if (!st.model.equals(artifact.version())) {
            rollOut(key, st, s);
        }
        GraphStepper stepper = stepper(key, st, s);
        if (calibrating(st) && OnlineCalibration.ready(st, calibrationWindows)) {
            OnlineCalibration.calibrate(st, stepper);
        }
        return stepper;
    }

    /** Still gathering the frames its normalisation is fitted on: forecasts persistence. */
    boolean calibrating(ForecastState st) {
        return calibrationWindows > 0 && !st.calibrated;
    }

    /** The stepper of the key's model (its adapted head, or the file's) on the snapshot's graph. */
    GraphStepper stepper(String key, ForecastState st, GraphSnapshot s) {
        return steppers.of(key, s, models.of(key, st));
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
        if (st.trust != null) {
            // the guard's errors are the key's; a station's interval scale stays its own
            st.trust.remapNodes(StateRemap.nodeMap(st.stations, s.stations));
        }
        st.dayTimes = null;
        st.dayValues = null;
        st.adoptGraph(s, normalisationFor(st, s));
        st.setHidden(HiddenState.zeros(artifact.model().stateSpec(), GraphSteppers.inputs(s)));
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
    private void rollOut(String key, ForecastState st, GraphSnapshot s) {
        LOG.info("{}: model {} -> {}, hidden state rebuilt", key, st.model, artifact.version());
        background.cancel(key);
        st.clearPending();
        st.head = null;
        st.windowsSinceAdapt = 0;
        st.model = artifact.version();
        if (!calibrating(st)) {
            FrameRing.replay(st, stepper(key, st, s));
        }
    }
}
