package io.physcast.flink.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Comparisons of forecast lists shared by the restore and upgrade tests. */
final class ForecastAssertions {
    private ForecastAssertions() {}

    /** The same forecasts in the same order: station, times, model version, values bit for bit. */
    static void assertSameForecasts(List<StationForecast> expected, List<StationForecast> actual) {
        assertCloseForecasts(expected, actual, 0.0);
    }

    /**
     * As {@link #assertSameForecasts}, with values equal within {@code relative} of their size: for
     * runs whose parameters were trained on different machines (sgemm kernels for AVX2 and AVX-512
     * round differently).
     */
    static void assertCloseForecasts(
            List<StationForecast> expected, List<StationForecast> actual, double relative) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            StationForecast a = expected.get(i);
            StationForecast b = actual.get(i);
            assertEquals(a.station, b.station);
            assertEquals(a.issueTime, b.issueTime);
            assertEquals(a.modelVersion, b.modelVersion);
            assertArrayEquals(a.targetTimes, b.targetTimes);
            for (int k = 0; k < a.values.length; k++) {
                assertEquals(
                        a.values[k],
                        b.values[k],
                        relative * Math.abs(a.values[k]),
                        "forecast " + i + " value " + k);
            }
        }
    }
}
