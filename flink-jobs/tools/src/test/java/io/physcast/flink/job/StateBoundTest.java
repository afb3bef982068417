package io.physcast.flink.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.forecast.AdaptationSettings;
import io.physcast.flink.forecast.Forecaster;
import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.flink.snapshot.SnapshotAssembler;
import io.physcast.flink.window.StationAggregate;
import io.physcast.model.trust.TrustSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded: the keyed state of the snapshot assembler and the forecaster (everything
 * the job keeps beyond Flink's own window buffers, which Flink drops after the lateness) does not
 * grow with the length of the stream: the forecaster's includes the skill guard's errors, the
 * interval calibration per station and horizon, the forecasts awaiting scoring with their weights,
 * scales and quantiles, and the last day of observations (hourly windows: the day-earlier
 * forecast). 600 hourly windows of a churning network (stations that come and go for days, one that
 * keeps moving, gaps) through both operators; the peak checkpoint size of the state in windows
 * 300-449 and 450-599 is within 10% of the peak in windows 100-299 (keeping one more frame per
 * window would add about two thirds).
 */
class StateBoundTest {
    private static final long H = TestArtifacts.HOUR;
    @TempDir Path dir;

    @Test
    void stateSizeDoesNotGrowWithTheLengthOfTheStream() throws Exception {
        Path model = TestArtifacts.writeTiny(dir);
        Random r = new Random(5);
        List<Long> assemblerSizes = new ArrayList<>();
        List<Long> forecasterSizes = new ArrayList<>();
        try (var assembler =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                new KeyedProcessOperator<>(
                                        new SnapshotAssembler(H, H, 30 * 24 * H, 4, 6, 48 * H)),
                                (StationAggregate a) -> a.region + "|" + a.variable,
                                Types.STRING);
                var forecaster =
                        new KeyedOneInputStreamOperatorTestHarness<>(
                                new KeyedProcessOperator<>(
                                        new Forecaster(
                                                model.toString(),
                                                6,
                                                new AdaptationSettings(24, 12, 1, 24, 1),
                                                30 * 24 * H,
                                                "cpu",
                                                TrustSettings.DEFAULT)),
                                (GraphSnapshot s) -> s.region + "|" + s.variable,
                                Types.STRING)) {
            assembler.open();
            forecaster.open();
            int handed = 0;
            for (int w = 0; w < 600; w++) {
                long end = TestArtifacts.T0 + (w + 1) * H;
                for (int s = 0; s < 30; s++) {
                    boolean away = s >= 25 && (w / 72 + s) % 3 == 0; // gone for 3 days at a time
                    if (away || r.nextInt(10) == 0) {
                        continue;
                    }
                    StationAggregate a = new StationAggregate();
                    a.region = "ie";
                    a.variable = "wind";
                    a.station = "s" + (s < 28 ? s : s + 100 * (w / 100)); // ids that change
                    a.lat = TestArtifacts.lat(s) + (s == 7 && w % 2 == 0 ? 0.5 : 0);
                    a.lon = TestArtifacts.lon(s);
                    a.windowEnd = end;
                    a.mean = TestArtifacts.value(s, w) + r.nextGaussian();
                    a.count = 1;
                    assembler.processElement(a, end - 1);
                }
                assembler.processWatermark(end - 1);
                List<GraphSnapshot> out = assembler.extractOutputValues();
                for (; handed < out.size(); handed++) {
                    GraphSnapshot s = out.get(handed);
                    forecaster.processElement(s, s.windowEnd - 1);
                }
                forecaster.processWatermark(end - 1);
                if (w >= 100) {
                    assemblerSizes.add(assembler.snapshot(w, end).getStateSize());
                    forecasterSizes.add(forecaster.snapshot(w, end).getStateSize());
                }
                // outputs are not state: drop them so the test's own memory stays flat too
                if (handed > 1000) {
                    assembler.getOutput().clear();
                    forecaster.getOutput().clear();
                    handed = 0;
                }
            }
        }
        // peaks, not single samples: a pending background adaptation adds a copy of its frames
        // for one window in every R, in both halves alike
        long[][] peaks = {peaks(assemblerSizes), peaks(forecasterSizes)};
        System.out.printf(
                "peak state bytes in windows 100-299 / 300-449 / 450-599: assembler %s, forecaster"
                        + " %s%n",
                Arrays.toString(peaks[0]), Arrays.toString(peaks[1]));
        for (long[] p : peaks) {
            assertTrue(p[0] > 0);
            assertTrue(p[1] <= p[0] * 1.1 && p[2] <= p[0] * 1.1, "bounded: " + Arrays.toString(p));
        }
    }

    /** The largest size in windows 100-299, 300-449 and 450-599 (sizes start at window 100). */
    private static long[] peaks(List<Long> sizes) {
        return new long[] {
            sizes.subList(0, 200).stream().mapToLong(Long::longValue).max().orElseThrow(),
            sizes.subList(200, 350).stream().mapToLong(Long::longValue).max().orElseThrow(),
            sizes.subList(350, 500).stream().mapToLong(Long::longValue).max().orElseThrow()
        };
    }
}
