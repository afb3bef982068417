package io.physcast.flink.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Comparisons of forecast lists shared by the restore and upgrade tests. */
final class ForecastAssertions {
    private ForecastAssertions() {}

    /** The same forecasts in the same order: station, times, model version, values bit for bit. */
    static void assertSameForecasts(List<StationForecast> expected, List<StationForecast> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            StationForecast a = expected.get(i);
            StationForecast b = actual.get(i);
            assertEquals(a.station, b.station);
            assertEquals(a.issueTime, b.issueTime);
            assertEquals(a.modelVersion, b.modelVersion);
            assertArrayEquals(a.targetTimes, b.targetTimes);
            assertArrayEquals(a.values, b.values, 0.0, "forecast " + i);
        }
    }
}
