package io.physcast.flink.forecast;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.trust.TrustSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

/**
 * The forecaster's state as an older release wrote it, kept in {@code src/test/resources/upgrade/}
 * so that every later build must restore it. {@link #main} wrote the files with the state layout of
 * release 0.1.0 (ForecastState before it kept the last adaptation's losses); do not regenerate them
 * with a newer layout, add a new fixture next to them instead.
 */
final class UpgradeFixture {
    static final String RESOURCES = "upgrade/";
    static final String MODEL = "forecaster-0.1.0-model.zip";
    static final String SNAPSHOT = "forecaster-0.1.0.snapshot";

    /** Windows processed before the snapshot; the test continues from here. */
    static final int CUT = 10;

    static final int STATIONS = 6;
    static final long TTL = 48 * TestArtifacts.HOUR;

    private UpgradeFixture() {}

    /** The operator as the fixture's job ran it: adaptation every 4 windows on the last 10. */
    static KeyedOneInputStreamOperatorTestHarness<String, GraphSnapshot, StationForecast> harness(
            Path model) throws Exception {
        Forecaster f =
                new Forecaster(
                        model.toString(),
                        6,
                        AdaptationSettings.inline(10, 4, 2),
                        TTL,
                        "cpu",
                        TrustSettings.DEFAULT);
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(f), s -> s.region + "|" + s.variable, Types.STRING);
    }

    static GraphSnapshot window(int w) {
        return TestArtifacts.snapshot(STATIONS, w, w % 4 == 3 ? 2 : -1);
    }

    /**
     * Writes the model and the operator snapshot after {@link #CUT} windows into {@code args[0]}.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path model = dir.resolve(MODEL);
        ModelArtifactFile.write(model, TestArtifacts.tinyPadgn());
        try (var h = harness(model)) {
            h.open();
            for (int w = 0; w < CUT; w++) {
                h.processElement(window(w), window(w).windowEnd - 1);
            }
            OperatorSnapshotUtil.writeStateHandle(
                    h.snapshot(1L, 0L), dir.resolve(SNAPSHOT).toString());
        }
    }
}
