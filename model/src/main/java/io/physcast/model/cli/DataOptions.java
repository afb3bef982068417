package io.physcast.model.cli;

import io.physcast.model.data.StationDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The station data set a command reads (a picocli mixin): README, "Your own data". */
public final class DataOptions {
    @Option(
            names = "--stations",
            required = true,
            paramLabel = "FILE",
            description = "Stations CSV: a header with station, lat, lon (degrees).")
    Path stations;

    @Option(
            names = "--readings",
            required = true,
            paramLabel = "FILE",
            description = "Readings CSV: station, ISO-8601 date or date-time, value.")
    Path readings;

    @Option(
            names = "--window",
            defaultValue = "1d",
            paramLabel = "DURATION",
            description = "Aggregation window: readings are averaged per station and window.")
    Duration window;

    StationDataset load() throws IOException {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("--window must be positive, got " + window);
        }
        return StationDataset.load(stations, readings, window);
    }
}
