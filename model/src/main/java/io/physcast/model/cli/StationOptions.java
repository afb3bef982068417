package io.physcast.model.cli;

import io.physcast.model.data.StationDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Options shared by the commands that read a station data set (evaluate, train). */
final class StationOptions {
    static final Set<String> COMMON =
            Set.of(
                    "stations",
                    "readings",
                    "window",
                    "input",
                    "horizon",
                    "hidden",
                    "gru-layers",
                    "k",
                    "max-iterations",
                    "train-seconds",
                    "seed",
                    "out");

    private StationOptions() {}

    /** The common options plus a command's own. */
    static Set<String> with(String... own) {
        Set<String> all = new HashSet<>(COMMON);
        all.addAll(Set.of(own));
        return all;
    }

    static Path stations(Args args) {
        return Path.of(args.require("stations"));
    }

    static Path readings(Args args) {
        return Path.of(args.require("readings"));
    }

    static StationDataset load(Args args) throws IOException {
        return StationDataset.load(
                stations(args), readings(args), Args.duration(args.get("window", "1d")));
    }
}
