package io.physcast.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.data.ChronologicalSplit;
import io.physcast.model.data.FrameSeries;
import io.physcast.model.data.StationDataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluate experiment on a slice of real PM10 data (20 stations, 120 days). */
public class StationEvaluationTest {
    public static StationDataset slice() throws Exception {
        Path dir = Path.of("src/test/resources/data");
        return StationDataset.load(
                dir.resolve("de-pm10-slice-stations.csv"),
                dir.resolve("de-pm10-slice-daily.csv"),
                Duration.ofDays(1));
    }

    @Test
    void persistenceScoresMatchAnIndependentCount() throws Exception {
        StationDataset data = slice();
        assertEquals(20, data.stations().size());
        assertEquals(120, data.series().length());
        var settings =
                new StationEvaluation.Settings(
                        6,
                        4,
                        List.of("persistence"),
                        8,
                        1,
                        4,
                        10,
                        5,
                        1,
                        1e-3f,
                        0f,
                        false,
                        false,
                        CheckpointMetric.LOSS);
        var result = new StationEvaluation(settings, line -> {}).run(data);
        HorizonErrors e = result.models().get("persistence").test().errors();
        // persistence forecasts the last observed input value at every horizon
        FrameSeries s = data.series();
        ChronologicalSplit split = result.split();
        for (int h = 1; h <= 4; h++) {
            double sum = 0;
            int n = 0;
            for (int start = split.validationEnd() - 6; start + 10 <= s.length(); start++) {
                for (int node = 0; node < 20; node++) {
                    int target = start + 6 + h - 1;
                    Double last = lastObserved(s, node, start, start + 6);
                    if (s.observed()[target][node] != 0f) {
                        double f = last == null ? result.normalisation().mean()[node] : last;
                        sum += Math.abs(f - s.values()[target][node]);
                        n++;
                    }
                }
            }
            assertEquals(n, e.count(h));
            assertEquals(sum / n, e.mae(h), 1e-4, "horizon " + h);
        }
    }

    private static Double lastObserved(FrameSeries s, int node, int from, int to) {
        for (int t = to - 1; t >= from; t--) {
            if (s.observed()[t][node] != 0f) {
                return (double) s.values()[t][node];
            }
        }
        return null;
    }

    @Test
    void trainedModelsReportFiniteErrorsAndTraining() throws Exception {
        var settings =
                new StationEvaluation.Settings(
                        6,
                        4,
                        List.of("VAR", "PA-DGN"),
                        8,
                        1,
                        4,
                        30,
                        60,
                        3,
                        1e-3f,
                        0f,
                        false,
                        false,
                        CheckpointMetric.MAE);
        var result = new StationEvaluation(settings, line -> {}).run(slice());
        for (String m : List.of("VAR", "PA-DGN")) {
            var r = result.models().get(m);
            assertTrue(r.training().iterations() > 0, m);
            for (int h = 1; h <= 4; h++) {
                double mae = r.test().errors().mae(h);
                assertTrue(Double.isFinite(mae) && mae > 0 && mae < 50, m + " h" + h + " " + mae);
            }
        }
    }
}
