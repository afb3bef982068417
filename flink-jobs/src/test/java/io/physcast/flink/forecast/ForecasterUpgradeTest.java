package io.physcast.flink.forecast;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.snapshot.GraphSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * Savepoint upgrade with a changed state schema: the forecaster's state written by release 0.1.0
 * (before {@link ForecastState} gained the adaptation losses) restores into this build, the new
 * fields start at their defaults, and the forecasts continue exactly as an uninterrupted run of
 * this build gives them.
 */
class ForecasterUpgradeTest {
    private static final int WINDOWS = 18;

    @Test
    void stateWrittenByTheOlderLayoutRestoresAndForecastsContinueUninterrupted() throws Exception {
        Path model = resource(UpgradeFixture.MODEL);
        List<StationForecast> straight = new ArrayList<>();
        try (var h = UpgradeFixture.harness(model)) {
            h.open();
            for (int w = 0; w < WINDOWS; w++) {
                feed(h, w);
            }
            straight.addAll(h.extractOutputValues());
        }

        OperatorSubtaskState old =
                OperatorSnapshotUtil.readStateHandle(resource(UpgradeFixture.SNAPSHOT).toString());
        List<StationForecast> resumed;
        try (var h = UpgradeFixture.harness(model)) {
            h.initializeState(old);
            h.open();
            ForecastState restored = state(h);
            assertTrue(restored.head != null, "the old state carried an adapted head");
            assertTrue(Double.isNaN(restored.adaptLossBefore), "new field: its default");
            assertTrue(Double.isNaN(restored.adaptLossAfter));
            for (int w = UpgradeFixture.CUT; w < WINDOWS; w++) {
                feed(h, w);
            }
            resumed = h.extractOutputValues();
            ForecastState later = state(h);
            assertFalse(Double.isNaN(later.adaptLossAfter), "set by the next adaptation");
        }

        List<StationForecast> after =
                straight.subList(UpgradeFixture.CUT * UpgradeFixture.STATIONS, straight.size());
        ForecastAssertions.assertSameForecasts(after, resumed);
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, GraphSnapshot, StationForecast> h, int w)
            throws Exception {
        GraphSnapshot s = UpgradeFixture.window(w);
        h.processElement(s, s.windowEnd - 1);
    }

    private static ForecastState state(
            KeyedOneInputStreamOperatorTestHarness<String, GraphSnapshot, StationForecast> h)
            throws Exception {
        var op = (AbstractStreamOperator<?>) h.getOperator();
        op.setCurrentKey("ie|wind");
        return op.getKeyedStateBackend()
                .getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        Forecaster.stateDescriptor())
                .value();
    }

    private static Path resource(String name) throws Exception {
        return Path.of(
                ForecasterUpgradeTest.class
                        .getResource("/" + UpgradeFixture.RESOURCES + name)
                        .toURI());
    }
}
