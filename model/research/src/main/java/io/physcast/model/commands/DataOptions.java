package io.physcast.model.commands;

import io.physcast.model.cli.StationFiles;
import io.physcast.model.data.StationDataset;
import java.io.IOException;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The station data set a command reads (a picocli mixin): README, "Your own data". */
public final class DataOptions {
    @Mixin StationFiles files;

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
        return StationDataset.load(files.stations, files.readings, window);
    }
}
