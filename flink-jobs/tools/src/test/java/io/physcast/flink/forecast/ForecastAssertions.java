package io.physcast.flink.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Comparisons of forecast lists shared by the restore and upgrade tests. */
final class ForecastAssertions {
    private ForecastAssertions() {}

    /**
     * The same forecasts in the same order: station, times, model version, and bit for bit the
     * emitted values, the model's own and every interval bound (so also the guard's weights).
     */
    static void assertSameForecasts(List<StationForecast> expected, List<StationForecast> actual) {
        assertCloseModelForecasts(expected, actual, 0.0);
        for (int i = 0; i < expected.size(); i++) {
            StationForecast a = expected.get(i);
            StationForecast b = actual.get(i);
            assertArrayEquals(a.values, b.values, "forecast " + i);
            assertArrayEquals(a.levels, b.levels);
            for (int j = 0; j < a.levels.length; j++) {
                assertArrayEquals(a.lower[j], b.lower[j], "forecast " + i + " lower");
                assertArrayEquals(a.upper[j], b.upper[j], "forecast " + i + " upper");
            }
        }
    }

    /**
     * The same stations, times and model versions, with the model's own values equal within {@code
     * relative} of their size: for runs whose parameters were trained on different machines (sgemm
     * kernels for AVX2 and AVX-512 round differently).
     */
    static void assertCloseModelForecasts(
            List<StationForecast> expected, List<StationForecast> actual, double relative) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            StationForecast a = expected.get(i);
            StationForecast b = actual.get(i);
            assertEquals(a.station, b.station);
            assertEquals(a.issueTime, b.issueTime);
            assertEquals(a.modelVersion, b.modelVersion);
            assertArrayEquals(a.targetTimes, b.targetTimes);
            for (int k = 0; k < a.modelValues.length; k++) {
                assertEquals(
                        a.modelValues[k],
                        b.modelValues[k],
                        relative * Math.abs(a.modelValues[k]),
                        "forecast " + i + " value " + k);
            }
        }
    }
}
