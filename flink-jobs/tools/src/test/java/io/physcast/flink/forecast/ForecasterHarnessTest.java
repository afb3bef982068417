package io.physcast.flink.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.cuda.CudaRuntime;
import io.physcast.model.trust.TrustSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecasterHarnessTest {
    private static final long TTL = 48 * TestArtifacts.HOUR;
    @TempDir Path dir;

    /** Adaptation every 4 windows on the last 10, so restore must carry adapted heads too. */
    private static final AdaptationSettings INLINE = AdaptationSettings.inline(10, 4, 2);

    private KeyedOneInputStreamOperatorTestHarness<String, GraphSnapshot, StationForecast> harness(
            Path model) throws Exception {
        return harness(model, INLINE);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, GraphSnapshot, StationForecast> harness(
            Path model, AdaptationSettings settings) throws Exception {
        return harness(model, settings, "cpu");
    }

    private KeyedOneInputStreamOperatorTestHarness<String, GraphSnapshot, StationForecast> harness(
            Path model, AdaptationSettings settings, String device) throws Exception {
        Forecaster f =
                new Forecaster(model.toString(), 6, settings, TTL, device, TrustSettings.DEFAULT);
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(f),
                        s -> s.region + "|" + s.variable,
                        Types.STRING);
        return h;
    }

    private static GraphSnapshot snap(int w) {
        return TestArtifacts.snapshot(6, w, w % 4 == 3 ? 2 : -1);
    }

    @Test
    void restoringMidStreamGivesExactlyTheUninterruptedForecasts() throws Exception {
        assertRestoreIsExact(TestArtifacts.writeTiny(dir), INLINE, 14, 7);
    }

    @Test
    void restoringWhileAnAdaptationTrainsInTheBackgroundGivesTheUninterruptedForecasts()
            throws Exception {
        // the first adaptation starts at window 7 and is swapped in 2 windows later: cut between
        var async = new AdaptationSettings(10, 4, 2, 24, 2);
        assertRestoreIsExact(TestArtifacts.writeTiny(dir), async, 16, 8);
    }

    @Test
    void backgroundAdaptationGivesTheInlineHeadTwoWindowsLater() throws Exception {
        Path model = TestArtifacts.writeTiny(dir);
        List<StationForecast> inline = run(model, INLINE, 16);
        List<StationForecast> async = run(model, new AdaptationSettings(10, 4, 2, 24, 2), 16);
        // inline: the head trained at window 7 serves from window 8; async: from window 10
        int n = 6;
        for (int i = 0; i < 8 * n; i++) {
            assertArrayEquals(inline.get(i).values, async.get(i).values, 0.0, "before: " + i);
        }
        assertEquals(inline.get(8 * n).modelVersion, async.get(10 * n).modelVersion);
        assertTrue(inline.get(8 * n).modelVersion.contains("+head"), "the adaptation was kept");
        assertEquals(inline.get(7 * n).modelVersion, async.get(9 * n).modelVersion, "not yet");
    }

    @Test
    void withDeviceCudaTheForecastsAreTheCpusOnAGpuOrWithoutOne() throws Exception {
        Path model = TestArtifacts.writeTiny(dir);
        List<StationForecast> cpu = run(model, INLINE, 12);
        List<StationForecast> cuda = run(model, INLINE, 12, "cuda");
        assertEquals(cpu.size(), cuda.size());
        // no GPU: the same CPU path, bit for bit; a GPU: float32 sums in another order
        double tolerance = CudaRuntime.unavailableReason() != null ? 0 : 1e-4;
        for (int i = 0; i < cpu.size(); i++) {
            for (int h = 0; h < cpu.get(i).values.length; h++) {
                double c = cpu.get(i).values[h];
                assertEquals(c, cuda.get(i).values[h], tolerance * Math.max(1, Math.abs(c)));
            }
        }
    }

    private List<StationForecast> run(Path model, AdaptationSettings settings, int windows)
            throws Exception {
        return run(model, settings, windows, "cpu");
    }

    private List<StationForecast> run(
            Path model, AdaptationSettings settings, int windows, String device) throws Exception {
        try (var h = harness(model, settings, device)) {
            h.open();
            for (int w = 0; w < windows; w++) {
                h.processElement(snap(w), snap(w).windowEnd - 1);
            }
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    @Test
    void restoringDuringOnlineCalibrationGivesExactlyTheUninterruptedForecasts() throws Exception {
        // calibration after W = 10 frames, the cut at 7 falls inside it; adaptation follows
        assertRestoreIsExact(TestArtifacts.writeTinyOnline(dir), INLINE, 20, 7);
    }

    @Test
    void restoringGivesTheSameIntervalsAndGuardWeights() throws Exception {
        // past the 12 scored windows the intervals wait for, and a day of hours (the day-earlier
        // forecast), with the cut after both
        List<StationForecast> straight =
                assertRestoreIsExact(TestArtifacts.writeTiny(dir), INLINE, 44, 36);
        List<StationForecast> late = straight.subList(36 * 6, straight.size());
        assertTrue(late.stream().allMatch(f -> !Double.isNaN(f.lower[0][0])), "intervals at h1");
        assertTrue(
                late.stream().anyMatch(f -> f.values[0] != f.modelValues[0]),
                "the guard combined the model with the simple forecasts");
        assertTrue(
                late.stream()
                        .allMatch(
                                f -> f.lower[0][0] <= f.values[0] && f.values[0] <= f.upper[0][0]));
    }

    private List<StationForecast> assertRestoreIsExact(
            Path model, AdaptationSettings settings, int windows, int cut) throws Exception {
        List<StationForecast> straight = new ArrayList<>();
        try (var h = harness(model, settings)) {
            h.open();
            for (int w = 0; w < windows; w++) {
                h.processElement(snap(w), snap(w).windowEnd - 1);
            }
            straight.addAll(h.extractOutputValues());
        }

        List<StationForecast> resumed = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var h = harness(model, settings)) {
            h.open();
            for (int w = 0; w < cut; w++) {
                h.processElement(snap(w), snap(w).windowEnd - 1);
            }
            resumed.addAll(h.extractOutputValues());
            checkpoint = h.snapshot(1L, 0L);
        }
        try (var h = harness(model, settings)) {
            h.initializeState(checkpoint);
            h.open();
            for (int w = cut; w < windows; w++) {
                h.processElement(snap(w), snap(w).windowEnd - 1);
            }
            resumed.addAll(h.extractOutputValues());
        }

        assertEquals(windows * 6, straight.size());
        ForecastAssertions.assertSameForecasts(straight, resumed);
        boolean adapted = straight.stream().anyMatch(f -> f.modelVersion.contains("+head"));
        assertTrue(adapted, "an adapted head was in play after the cut, so it was restored too");
        return straight;
    }

    @Test
    void aKeyThatGoesSilentLeavesNoStateOrTimers() throws Exception {
        Path model = TestArtifacts.writeTiny(dir);
        try (var h = harness(model)) {
            h.open();
            for (int w = 0; w < 5; w++) {
                h.processElement(snap(w), snap(w).windowEnd - 1);
            }
            assertTrue(h.numKeyedStateEntries() > 0);
            assertEquals(1, h.numEventTimeTimers(), "one time-to-live timer, moved each window");
            h.processWatermark(snap(4).windowEnd + TTL);
            assertEquals(0, h.numKeyedStateEntries(), "state removed after the time-to-live");
            assertEquals(0, h.numEventTimeTimers());
        }
    }
}
