package io.physcast.flink.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.flink.snapshot.StationRoster;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.data.Normalisation;
import io.physcast.model.graph.StationGraph;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastEngineTest {
    private static final int H = 5;

    @Test
    void forecastsEqualTheModelLibrarysOfflineRollout() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        ForecastEngine engine = new ForecastEngine(a, H, new HeadAdapter(8, 0, 0, 4, 4));
        ForecastState st = new ForecastState();
        int n = 7;

        // the offline reference: normalise, fill the gap with the last one-step forecast, step
        GraphSnapshot first = TestArtifacts.snapshot(n, 0, -1);
        GraphStepper stepper = new GraphStepper(a.model(), GraphSteppers.inputs(first));
        HiddenState hidden = stepper.initialState();
        float[] lastPrediction = null;
        for (int w = 0; w < 10; w++) {
            GraphSnapshot s = TestArtifacts.snapshot(n, w, w % 3 == 2 ? w % n : -1);
            List<StationForecast> out = engine.onSnapshot("ie|wind", st, s).forecasts();

            float[] frame = new float[n];
            for (int i = 0; i < n; i++) {
                frame[i] = s.observed[i] ? (float) ((s.values[i] - 10) / 2) : lastPrediction[i];
            }
            GraphStepper.Rollout r = stepper.advanceAndForecast(hidden, frame, H);
            hidden = r.state();
            lastPrediction = r.forecasts()[0];

            assertEquals(n, out.size(), "one forecast per station");
            for (int i = 0; i < n; i++) {
                StationForecast f = out.get(i);
                assertEquals("s" + i, f.station);
                assertEquals(s.windowEnd, f.issueTime);
                for (int h = 0; h < H; h++) {
                    assertEquals(s.windowEnd + (h + 1) * TestArtifacts.HOUR, f.targetTimes[h]);
                    assertEquals(r.forecasts()[h][i] * 2 + 10, f.modelValues[h], 1e-5, "h" + h);
                }
            }
        }
        assertEquals(hidden, st.hidden(), "the kept hidden state is the offline one");
    }

    @Test
    void anotherModelFileKeepsTheStationsAndRebuildsTheHiddenStateFromTheFrames() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        ModelArtifact b = TestArtifacts.tinyPadgn(8);
        assertFalse(a.version().equals(b.version()));
        ForecastState st = new ForecastState();
        int n = 6;
        ForecastEngine first = new ForecastEngine(a, H, new HeadAdapter(8, 0, 0, 4, 4));
        for (int w = 0; w < 6; w++) {
            first.onSnapshot("ie|wind", st, TestArtifacts.snapshot(n, w, -1));
        }
        assertEquals(a.version(), st.model);
        float[][] frames = st.frameValues.clone();
        String[] stations = st.stations.clone();
        long lastIssue = st.issueTimes[st.issueTimes.length - 1];

        // resumed with model b: its forecasts from the first window on, from a hidden state
        // rebuilt by b over the kept frames (what a key that always ran b over them would hold)
        ForecastEngine second = new ForecastEngine(b, H, new HeadAdapter(8, 0, 0, 4, 4));
        GraphSnapshot next = TestArtifacts.snapshot(n, 6, -1);
        List<StationForecast> out = second.onSnapshot("ie|wind", st, next).forecasts();
        assertEquals(b.version(), st.model);
        assertTrue(out.stream().allMatch(f -> f.modelVersion.equals(b.version())));
        assertArrayEquals(stations, st.stations, "the key keeps its stations");
        assertEquals(frames.length + 1, st.frameValues.length, "the frames stay with the key");
        assertEquals(
                lastIssue,
                st.issueTimes[st.issueTimes.length - 2],
                "the old model's forecasts still await their observations");

        GraphStepper stepper = new GraphStepper(b.model(), GraphSteppers.inputs(next));
        HiddenState h = stepper.initialState();
        float[] previous = null;
        for (float[] f : frames) {
            float[] all = new float[n];
            java.util.Arrays.fill(all, 1f);
            GraphStepper.StepResult r = stepper.step(h, GraphStepper.filled(f, all, previous));
            h = r.state();
            previous = r.prediction();
        }
        float[] frame = new float[n];
        for (int i = 0; i < n; i++) {
            frame[i] = (float) ((next.values[i] - 10) / 2);
        }
        GraphStepper.Rollout r = stepper.advanceAndForecast(h, frame, H);
        assertEquals(r.state(), st.hidden(), "hidden state rebuilt with the new model");
        for (int i = 0; i < n; i++) {
            assertEquals(r.forecasts()[0][i] * 2 + 10, out.get(i).modelValues[0], 1e-5);
        }
    }

    @Test
    void scoresEachForecastOnceAgainstPersistenceOnTheSamePairs() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        ForecastEngine engine = new ForecastEngine(a, H, new HeadAdapter(8, 0, 0, 4, 4));
        ForecastState st = new ForecastState();
        int n = 4;
        List<List<StationForecast>> issued = new ArrayList<>();
        HorizonScores total = new HorizonScores(H, 1);
        int windows = 12;
        for (int w = 0; w < windows; w++) {
            var o = engine.onSnapshot("ie|wind", st, TestArtifacts.snapshot(n, w, -1));
            issued.add(o.forecasts());
            total.addAll(o.scores());
        }
        for (int h = 1; h <= H; h++) {
            double emitted = 0;
            double model = 0;
            double persistence = 0;
            int count = 0;
            for (int w = 0; w + h < windows; w++) {
                for (int i = 0; i < n; i++) {
                    double truth = TestArtifacts.value(i, w + h);
                    emitted += Math.abs(issued.get(w).get(i).values[h - 1] - truth);
                    model += Math.abs(issued.get(w).get(i).modelValues[h - 1] - truth);
                    persistence += Math.abs(TestArtifacts.value(i, w) - truth);
                    count++;
                }
            }
            assertEquals(count, total.count[h - 1], "pairs scored at h" + h);
            assertEquals(emitted / count, total.mae(h - 1), 1e-4);
            assertEquals(model / count, total.modelMae(h - 1), 1e-4);
            assertEquals(persistence / count, total.persistenceMae(h - 1), 1e-4);
        }
    }

    @Test
    void newStationsJoinWithZeroStateAndExistingOnesKeepTheirs() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        ForecastEngine engine = new ForecastEngine(a, H, new HeadAdapter(8, 0, 0, 4, 4));
        ForecastState st = warmed(engine, 5);
        GraphSnapshot grown = TestArtifacts.snapshot(6, 4, -1);
        assertCarriedRows(a, st, grown, 5);
        var out = engine.onSnapshot("k", st, grown).forecasts();
        assertEquals(6, out.size());
        assertEquals(6, st.stations.length);
    }

    /** A state after four windows of stations s0..s(n-1). */
    private static ForecastState warmed(ForecastEngine engine, int n) {
        ForecastState st = new ForecastState();
        for (int w = 0; w < 4; w++) {
            engine.onSnapshot("k", st, TestArtifacts.snapshot(n, w, -1));
        }
        return st;
    }

    /**
     * Remaps a copy of the state onto the snapshot (before any step changes it): the first {@code
     * kept} node rows of every node state tensor are carried over, any further rows are zero.
     */
    private static void assertCarriedRows(
            ModelArtifact a, ForecastState st, GraphSnapshot s, int kept) {
        HiddenState before = st.hidden();
        ForecastState copy = copyOf(st);
        StateRemap.onto(copy, s, a.normalisationFor(List.of(s.stations)));
        HiddenState after = copy.hidden();
        for (int t = 0; t < before.size(); t++) {
            if (before.kind(t) == io.physcast.model.padgn.StateKind.NODE) {
                int c = before.cols(t);
                float[] b = before.values(t);
                float[] x = after.values(t);
                assertEquals(s.nodes() * c, x.length);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(i < kept * c ? b[i] : 0f, x[i], "row " + i / c);
                }
            }
        }
    }

    @Test
    void stationsThatLeaveTakeTheirStateAndTheOthersKeepTheirs() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        ForecastEngine engine = new ForecastEngine(a, H, new HeadAdapter(8, 0, 0, 4, 4));
        ForecastState st = warmed(engine, 6);
        GraphSnapshot shrunk = TestArtifacts.snapshot(4, 4, -1); // s4, s5 left
        shrunk.graphVersion = 99;
        assertCarriedRows(a, st, shrunk, 4);
        assertEquals(4, engine.onSnapshot("k", st, shrunk).forecasts().size());
        // one station left: no edges, still a forecast
        GraphSnapshot single = TestArtifacts.snapshot(1, 5, -1);
        single.graphVersion = 100;
        var one = engine.onSnapshot("k", st, single).forecasts();
        assertEquals(1, one.size());
        assertTrue(Double.isFinite(one.get(0).values[0]));
        // none left: nothing to forecast and no state kept
        GraphSnapshot none = TestArtifacts.snapshot(0, 6, -1);
        assertEquals(0, engine.onSnapshot("k", st, none).forecasts().size());
        assertTrue(st.isEmpty());
    }

    @Test
    void adaptationTrainsOnlyTheHeadAndIsKeptOnlyWhenItHelps() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        float[][] base = a.model().params().snapshot();
        HeadAdapter adapter = new HeadAdapter(12, 6, 3, 4, 4);
        ForecastEngine engine = new ForecastEngine(a, H, adapter);
        ForecastState st = new ForecastState();
        HeadAdapter.Result result = null;
        for (int w = 0; w < 12 && result == null; w++) {
            result = engine.onSnapshot("k", st, TestArtifacts.snapshot(6, w, -1)).adaptation();
        }
        assertTrue(result != null, "an adaptation ran");
        assertEquals(result.accepted(), st.head != null);
        assertEquals(result.accepted(), result.lossAfter() < result.lossBefore());
        if (st.head != null) {
            var names = new ArrayList<String>();
            a.model().params().all().forEach(p -> names.add(p.name));
            boolean headChanged = false;
            for (int i = 0; i < base.length; i++) {
                if (names.get(i).startsWith("sdl.")) {
                    assertArrayEquals(
                            base[i], st.head[i], "spatial module frozen: " + names.get(i));
                } else {
                    headChanged |= !java.util.Arrays.equals(base[i], st.head[i]);
                }
            }
            assertTrue(headChanged, "the head moved");
        }
        assertFalse(Double.isNaN(result.lossBefore()));
        assertTrue(
                result.waitedSeconds() >= result.seconds(),
                "inline: the stream waits for the training and the state rebuild");
    }

    @Test
    void aKeysAdaptedHeadNeverReachesAnotherKeyOrTheModelFilesParameters() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        float[][] base = a.model().params().snapshot();
        // two keys on one engine, each re-adapting its own head every 6 windows on its own data,
        // against the second key alone on an engine of its own
        ForecastEngine shared = new ForecastEngine(a, H, new HeadAdapter(12, 6, 3, 4, 4));
        ForecastEngine alone =
                new ForecastEngine(TestArtifacts.tinyPadgn(), H, new HeadAdapter(12, 6, 3, 4, 4));
        ForecastState first = new ForecastState();
        ForecastState second = new ForecastState();
        ForecastState secondAlone = new ForecastState();
        for (int w = 0; w < 20; w++) {
            shared.onSnapshot("first", first, TestArtifacts.snapshot(6, w, -1));
            List<StationForecast> mixed =
                    shared.onSnapshot("second", second, TestArtifacts.snapshot(5, w, w % 5))
                            .forecasts();
            List<StationForecast> reference =
                    alone.onSnapshot("second", secondAlone, TestArtifacts.snapshot(5, w, w % 5))
                            .forecasts();
            for (int i = 0; i < mixed.size(); i++) {
                assertArrayEquals(reference.get(i).values, mixed.get(i).values, 0.0, "w" + w);
            }
        }
        assertTrue(first.head != null || second.head != null, "a key kept an adapted head");
        float[][] after = a.model().params().snapshot();
        for (int i = 0; i < base.length; i++) {
            assertArrayEquals(base[i], after[i], "the model file's parameters are untouched");
        }
        shared.close();
        alone.close();
    }

    @Test
    void afterEveryAdaptationTheHiddenStateIsTheFrameRingReplayedWithTheHeadInUse() {
        ModelArtifact a = TestArtifacts.tinyPadgn();
        ModelArtifact reference = TestArtifacts.tinyPadgn();
        float[][] base = reference.model().params().snapshot();
        ForecastEngine engine = new ForecastEngine(a, H, new HeadAdapter(8, 4, 3, 4, 4));
        ForecastState st = new ForecastState();
        int adaptations = 0;
        for (int w = 0; w < 20; w++) {
            GraphSnapshot s = TestArtifacts.snapshot(6, w, -1);
            if (engine.onSnapshot("k", st, s).adaptation() == null) {
                continue;
            }
            adaptations++;
            reference.model().params().restore(st.head == null ? base : st.head);
            GraphStepper stepper = new GraphStepper(reference.model(), GraphSteppers.inputs(s));
            HiddenState replayed = stepper.initialState();
            float[] last = null;
            for (float[] frame : st.frameValues) {
                GraphStepper.StepResult r = stepper.step(replayed, frame);
                replayed = r.state();
                last = r.prediction();
            }
            assertEquals(replayed, st.hidden(), "window " + w + ": rebuilt from the ring");
            assertArrayEquals(last, st.lastPrediction, "window " + w);
        }
        assertTrue(adaptations >= 3, "adaptations: " + adaptations);
    }

    @Test
    void aBackgroundAdaptationArrivesAsManyWindowsLaterAsAskedAndReportsTheWait() {
        // two copies of the model: an engine swaps heads into its artifact's network
        ForecastEngine inline =
                new ForecastEngine(TestArtifacts.tinyPadgn(), H, new HeadAdapter(12, 6, 3, 4, 4));
        ForecastEngine async =
                new ForecastEngine(
                        TestArtifacts.tinyPadgn(), H, new HeadAdapter(12, 6, 3, 4, 4), 24, 3);
        ForecastState si = new ForecastState();
        ForecastState sa = new ForecastState();
        int due = -1;
        HeadAdapter.Result fromInline = null;
        HeadAdapter.Result fromAsync = null;
        for (int w = 0; w < 16; w++) {
            GraphSnapshot s = TestArtifacts.snapshot(6, w, -1);
            HeadAdapter.Result ri = inline.onSnapshot("k", si, s).adaptation();
            HeadAdapter.Result ra = async.onSnapshot("k", sa, s).adaptation();
            if (ri != null && fromInline == null) {
                fromInline = ri;
                due = w;
                assertTrue(sa.pendingAdaptAt > 0, "started in the background");
            }
            if (ra != null && fromAsync == null) {
                fromAsync = ra;
                assertEquals(due + 3, w, "swapped in 3 windows after it was due");
                assertEquals(0, sa.pendingAdaptAt, "nothing pending after the swap");
            }
        }
        async.close();
        assertTrue(fromAsync != null);
        assertEquals(fromInline.lossBefore(), fromAsync.lossBefore(), "same job");
        assertEquals(fromInline.lossAfter(), fromAsync.lossAfter());
        assertTrue(
                fromAsync.waitedSeconds() >= 0
                        && fromAsync.waitedSeconds() <= fromAsync.seconds() + 0.5,
                "waited " + fromAsync.waitedSeconds() + " of " + fromAsync.seconds());
    }

    @Test
    void aModelForAnyNetworkCalibratesOnTheKeysFirstFramesThenForecasts() {
        ModelArtifact a = TestArtifacts.tinyOnlinePadgn();
        assertTrue(a.calibratesOnline());
        int w = 8; // the adapter's frame window caps the calibration windows (24)
        ForecastEngine engine = new ForecastEngine(a, H, new HeadAdapter(w, 0, 0, 4, 4));
        ForecastState st = new ForecastState();
        int n = 6;
        float[][] raw = new float[w][n];
        float[][] seen = new float[w][n];
        for (int t = 0; t < w; t++) {
            GraphSnapshot s = TestArtifacts.snapshot(n, t, t == 2 ? 3 : -1);
            List<StationForecast> out = engine.onSnapshot("ie|wind", st, s).forecasts();
            for (int i = 0; i < n; i++) {
                raw[t][i] = (float) s.values[i];
                seen[t][i] = s.observed[i] ? 1 : 0;
                StationForecast f = out.get(i);
                assertTrue(f.modelVersion.startsWith("persistence (calibrating"), f.modelVersion);
                double last = s.observed[i] ? s.values[i] : TestArtifacts.value(i, t - 1);
                assertEquals(last, f.modelValues[H - 1], 1e-5, "persistence: the last observation");
            }
        }
        assertFalse(st.calibrated);

        GraphSnapshot next = TestArtifacts.snapshot(n, w, -1);
        List<StationForecast> out = engine.onSnapshot("ie|wind", st, next).forecasts();
        assertTrue(st.calibrated);
        Normalisation expected = Normalisation.fit(raw, seen, 0, w);
        assertArrayEquals(expected.mean(), st.normMean, 1e-4f, "fitted on the first W frames");
        assertArrayEquals(expected.std(), st.normStd, 1e-4f);
        assertEquals(a.version(), out.get(0).modelVersion, "the model forecasts from now on");
        for (StationForecast f : out) {
            for (double v : f.values) {
                assertTrue(Double.isFinite(v) && Math.abs(v - 10) < 30, f.station + ": " + v);
            }
        }
        // a station joining later takes the key's pooled statistics, the others keep theirs
        GraphSnapshot grown = TestArtifacts.snapshot(n + 1, w + 1, -1);
        engine.onSnapshot("ie|wind", st, grown);
        assertEquals(expected.mean()[0], st.normMean[0], 1e-4f);
        double pooled = 0;
        for (float m : expected.mean()) {
            pooled += m / n;
        }
        assertEquals(pooled, st.normMean[n], 1e-4);
    }

    @Test
    void coLocatedStationsGiveFiniteForecasts() {
        // two sensors at one site among others; then a network that is a single site
        for (int atOneSite : new int[] {2, 3}) {
            ForecastEngine engine =
                    new ForecastEngine(
                            TestArtifacts.tinyPadgn(), H, new HeadAdapter(8, 0, 0, 4, 4));
            ForecastState st = new ForecastState();
            int n = atOneSite == 3 ? 3 : 5;
            for (int w = 0; w < 6; w++) {
                GraphSnapshot s = TestArtifacts.snapshot(n, w, -1);
                for (int i = 1; i < atOneSite; i++) {
                    s.lat[i] = s.lat[0];
                    s.lon[i] = s.lon[0];
                }
                StationGraph g = StationRoster.graph(s.lat, s.lon, 4);
                s.src = g.srcArray();
                s.dst = g.dstArray();
                for (StationForecast f : engine.onSnapshot("ie|wind", st, s).forecasts()) {
                    for (double v : f.values) {
                        assertTrue(Double.isFinite(v), atOneSite + " at one site: " + v);
                    }
                }
            }
        }
    }

    @Test
    void forecastRecordsCarryTheIssueTimeInThePayloadNotAsKafkaTimestamp() throws Exception {
        ForecastEngine engine =
                new ForecastEngine(TestArtifacts.tinyPadgn(), H, new HeadAdapter(8, 0, 0, 4, 4));
        StationForecast f =
                engine.onSnapshot("k", new ForecastState(), TestArtifacts.snapshot(3, 0, -1))
                        .forecasts()
                        .get(0);
        var record = new ForecastSerializer("forecasts").serialize(f, null, null);
        // a historic issue time as record timestamp makes time-based retention delete backfills
        assertEquals(null, record.timestamp());
        var decoded = io.physcast.schemas.codec.AvroMessages.decodeForecast(record.value());
        assertEquals(f.issueTime, decoded.getIssueTime().toEpochMilli());
        assertEquals("s0", new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
    }

    static ForecastState copyOf(ForecastState s) {
        ForecastState c = new ForecastState();
        c.stations = s.stations.clone();
        c.graphVersion = s.graphVersion;
        c.src = s.src.clone();
        c.dst = s.dst.clone();
        c.normMean = s.normMean.clone();
        c.normStd = s.normStd.clone();
        c.setHidden(s.hidden());
        c.lastPrediction = s.lastPrediction.clone();
        c.lastObserved = s.lastObserved.clone();
        c.frameTimes = s.frameTimes.clone();
        c.frameValues = s.frameValues.clone();
        c.frameObserved = s.frameObserved.clone();
        c.issueTimes = s.issueTimes.clone();
        c.issued = s.issued.clone();
        c.issuedPersistence = s.issuedPersistence.clone();
        return c;
    }
}
