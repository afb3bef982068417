package io.physcast.model.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A station data set's two CSV files (a picocli mixin): README, "Your own data". */
public final class StationFiles {
    @Option(
            names = "--stations",
            required = true,
            paramLabel = "FILE",
            description = "Stations CSV: a header with station, lat, lon (degrees).")
    public Path stations;

    @Option(
            names = "--readings",
            required = true,
            paramLabel = "FILE",
            description = "Readings CSV: station, ISO-8601 date or date-time, value.")
    public Path readings;
}
