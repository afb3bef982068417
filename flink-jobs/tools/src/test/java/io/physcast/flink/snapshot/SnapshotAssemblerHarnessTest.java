package io.physcast.flink.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.window.StationAggregate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerHarnessTest {
    private static final long H = TestArtifacts.HOUR;
    private static final long TTL = 24 * H;

    private static KeyedOneInputStreamOperatorTestHarness<String, StationAggregate, GraphSnapshot>
            harness() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SnapshotAssembler(H, H, TTL, 4, 3)),
                        (StationAggregate a) -> a.region + "|" + a.variable,
                        Types.STRING);
        h.open();
        return h;
    }

    private static StationAggregate agg(int station, int window, double value) {
        StationAggregate a = new StationAggregate();
        a.region = "ie";
        a.variable = "wind";
        a.station = "s" + station;
        a.lat = TestArtifacts.lat(station);
        a.lon = TestArtifacts.lon(station);
        a.windowEnd = TestArtifacts.T0 + (window + 1) * H;
        a.mean = value;
        a.count = 1;
        return a;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, StationAggregate, GraphSnapshot> h,
            StationAggregate a)
            throws Exception {
        h.processElement(a, a.windowEnd - 1);
    }

    private static long end(int window) {
        return TestArtifacts.T0 + (window + 1) * H;
    }

    @Test
    void oneSnapshotPerWindowWithEveryKnownStationAndGapsFilled() throws Exception {
        try (var h = harness()) {
            for (int s = 0; s < 5; s++) {
                send(h, agg(s, 0, s));
            }
            h.processWatermark(end(0) - 1);
            send(h, agg(1, 1, 11)); // only station 1 reports in window 1
            h.processWatermark(end(1) - 1);
            send(h, agg(5, 3, 5)); // a new station; window 2 had no reports at all
            send(h, agg(0, 3, 3));
            h.processWatermark(end(3) - 1);

            List<GraphSnapshot> out = h.extractOutputValues();
            assertEquals(4, out.size(), "windows 0, 1, 2 (filled) and 3");
            assertEquals(5, out.get(0).nodes());
            assertEquals(5, out.get(0).observedCount());
            assertEquals(1, out.get(1).observedCount());
            assertEquals(11.0, out.get(1).values[1]);
            assertEquals(0, out.get(2).observedCount(), "a window nobody reported in");
            assertEquals(end(2), out.get(2).windowEnd);
            assertEquals(6, out.get(3).nodes(), "the new station joined");
            assertArrayEquals(
                    new String[] {"s0", "s1", "s2", "s3", "s4", "s5"},
                    out.get(3).stations,
                    "existing stations keep their index");
            assertEquals(out.get(0).graphVersion, out.get(2).graphVersion, "same set, same graph");
            assertTrue(out.get(3).graphVersion > out.get(2).graphVersion, "rebuilt once");
            assertFalse(out.get(3).restart);
        }
    }

    @Test
    void lateAggregateReemitsItsWindowAsACorrection() throws Exception {
        try (var h = harness()) {
            send(h, agg(0, 0, 1));
            send(h, agg(1, 0, 2));
            h.processWatermark(end(0) - 1);
            send(h, agg(2, 0, 7)); // within the allowed lateness
            List<GraphSnapshot> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertTrue(out.get(1).correction);
            assertEquals(3, out.get(1).observedCount());
            assertEquals(7.0, out.get(1).values[2]);
        }
    }

    @Test
    void longGapRestartsInsteadOfFilling() throws Exception {
        try (var h = harness()) {
            send(h, agg(0, 0, 1));
            h.processWatermark(end(0) - 1);
            send(h, agg(0, 10, 1));
            h.processWatermark(end(10) - 1);
            List<GraphSnapshot> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertTrue(out.get(1).restart);
        }
    }

    @Test
    void restoreMidStreamEmitsTheSameSnapshots() throws Exception {
        List<GraphSnapshot> straight;
        try (var h = harness()) {
            feed(h, 0, 6);
            straight = h.extractOutputValues();
        }
        List<GraphSnapshot> resumed = new ArrayList<>();
        OperatorSubtaskState cp;
        try (var h = harness()) {
            feed(h, 0, 3);
            resumed.addAll(h.extractOutputValues());
            cp = h.snapshot(1, 0);
        }
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SnapshotAssembler(H, H, TTL, 4, 3)),
                        (StationAggregate a) -> a.region + "|" + a.variable,
                        Types.STRING)) {
            h.initializeState(cp);
            h.open();
            feed(h, 3, 6);
            resumed.addAll(h.extractOutputValues());
        }
        assertEquals(straight.size(), resumed.size());
        for (int i = 0; i < straight.size(); i++) {
            assertEquals(straight.get(i).windowEnd, resumed.get(i).windowEnd);
            assertArrayEquals(straight.get(i).stations, resumed.get(i).stations);
            assertArrayEquals(straight.get(i).values, resumed.get(i).values);
            assertArrayEquals(straight.get(i).src, resumed.get(i).src);
            assertEquals(straight.get(i).graphVersion, resumed.get(i).graphVersion);
        }
    }

    @Test
    void silentStationsLeaveAfterTheirTtlAndReturnAsNew() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new SnapshotAssembler(H, H, TTL, 4, 3, 3 * H)),
                        (StationAggregate a) -> a.region + "|" + a.variable,
                        Types.STRING)) {
            h.open();
            for (int w = 0; w < 8; w++) {
                for (int s = 0; s < 5; s++) {
                    boolean away = s == 2 && w >= 1 && w <= 5; // s2 silent for 5 windows
                    if (!away) {
                        send(h, agg(s, w, s));
                    }
                }
                h.processWatermark(end(w) - 1);
            }
            List<GraphSnapshot> out = h.extractOutputValues();
            assertEquals(8, out.size());
            assertEquals(5, out.get(3).nodes(), "silent for 3 windows: still in the graph");
            assertFalse(out.get(3).observed[2]);
            assertEquals(4, out.get(4).nodes(), "silent longer than the TTL: gone");
            assertFalse(java.util.Arrays.asList(out.get(4).stations).contains("s2"));
            assertTrue(out.get(4).graphVersion > out.get(3).graphVersion);
            assertEquals(5, out.get(6).nodes(), "back, as a new station at the end");
            assertEquals("s2", out.get(6).stations[4]);
            for (GraphSnapshot s : out) {
                int n = s.nodes();
                for (int e = 0; e < s.src.length; e++) {
                    assertTrue(s.src[e] < n && s.dst[e] < n, "edges stay inside the graph");
                }
            }
        }
    }

    @Test
    void aKeyThatGoesSilentLeavesNoStateOrTimers() throws Exception {
        try (var h = harness()) {
            feed(h, 0, 3);
            assertTrue(h.numKeyedStateEntries() > 0);
            h.processWatermark(end(2) + TTL);
            assertEquals(0, h.numKeyedStateEntries());
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void aConfirmedMoveRelocatesTheStationAndAGlitchDoesNot() throws Exception {
        try (var h = harness()) {
            for (int w = 0; w < 7; w++) {
                for (int s = 0; s < 5; s++) {
                    StationAggregate a = agg(s, w, s);
                    // station 2: one glitch in window 1, then the new site from window 3 on
                    if (s == 2 && (w == 1 || w >= 3)) {
                        a.lat += 0.5;
                    }
                    send(h, a);
                }
                h.processWatermark(end(w) - 1);
            }
            List<GraphSnapshot> out = h.extractOutputValues();
            double before = TestArtifacts.lat(2);
            for (int w = 0; w < 5; w++) {
                assertEquals(before, out.get(w).lat[2], "window " + w + ": not (yet) moved");
                assertEquals(out.get(0).graphVersion, out.get(w).graphVersion);
            }
            assertEquals(
                    before + 0.5,
                    out.get(5).lat[2],
                    1e-12,
                    "moved after " + StationRoster.MOVE_CONFIRM_WINDOWS + " windows");
            assertEquals(out.get(0).graphVersion + 1, out.get(5).graphVersion, "graph rebuilt");
            assertEquals(before + 0.5, out.get(6).lat[2], 1e-12);
            assertEquals(out.get(5).graphVersion, out.get(6).graphVersion);
        }
    }

    @Test
    void coLocatedStationsShareNoEdgeButKeepTheirOtherNeighbours() {
        double[] lat = {53.0, 53.0, 53.1, 53.2, 53.0};
        double[] lon = {-8.0, -8.0, -8.1, -8.0, -8.2};
        var g = StationRoster.graph(lat, lon, 2);
        for (int e = 0; e < g.edges(); e++) {
            assertFalse(
                    (g.src(e) == 0 && g.dst(e) == 1) || (g.src(e) == 1 && g.dst(e) == 0),
                    "no edge between the two sensors at one site");
            assertTrue(g.length(e) >= StationRoster.MIN_SEPARATION_KM);
        }
        assertTrue(g.inDegree()[0] > 0 && g.inDegree()[1] > 0, "both keep other neighbours");
    }

    /** Windows [from, to): stations 0..w+1 report (one joins per window), then the watermark. */
    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, StationAggregate, GraphSnapshot> h,
            int from,
            int to)
            throws Exception {
        for (int w = from; w < to; w++) {
            for (int s = 0; s <= w + 1; s++) {
                send(h, agg(s, w, 10 * w + s));
            }
            h.processWatermark(end(w) - 1);
        }
    }
}
