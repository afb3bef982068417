package io.physcast.flink.forecast;

import java.io.Serializable;

/**
 * How the forecaster re-adapts the head and calibrates a model made for any network.
 *
 * @param window W, frames kept for adaptation (and calibration)
 * @param every R, windows between adaptations (0: never)
 * @param iterations Adam steps per adaptation
 * @param calibrationWindows frames before a key's normalisation is fitted (online models)
 * @param asyncWindows windows an adaptation trains in the background before its head is swapped in
 *     (0: inline, holding up the stream while it trains)
 */
public record AdaptationSettings(
        int window, int every, int iterations, int calibrationWindows, int asyncWindows)
        implements Serializable {
    /** Inline adaptation and the default calibration: what the tests of one engine use. */
    public static AdaptationSettings inline(int window, int every, int iterations) {
        return new AdaptationSettings(
                window, every, iterations, ForecastEngine.DEFAULT_CALIBRATION_WINDOWS, 0);
    }
}
